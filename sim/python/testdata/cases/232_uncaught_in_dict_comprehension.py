# A KeyError inside a dict comprehension (3.12 runs it in the enclosing
# frame; the recorder merges 3.11's <dictcomp> frame).
def rename(state, mapping):
    return {mapping[k]: v for k, v in state.items()}


print(rename({"a": 1}, {"a": "alpha"}))
print(rename({"a": 1, "b": 2}, {"a": "alpha"}))

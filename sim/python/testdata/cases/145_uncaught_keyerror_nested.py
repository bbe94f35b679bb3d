# A KeyError deep in nested dicts.
state = {"model": {"encoder": {"weight": 1}}}
print(state["model"]["encoder"]["weight"])
print(state["model"]["decoder"]["weight"])

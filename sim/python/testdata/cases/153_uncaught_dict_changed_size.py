# Changing a dict while iterating over it.
state = {"a.weight": 1, "a.bias": 2, "b.weight": 3}
for key in state:
    if key.endswith("bias"):
        state["renamed." + key] = state[key]

# copy.deepcopy of containers holding tuples (was an internal error).
import copy
state = {"betas": (0.9, 0.999), "nested": [(1, [2]), ()], "t": ((1, 2), "x")}
c = copy.deepcopy(state)
print(c, c == state, c["nested"][0][1] is state["nested"][0][1])
print(c["betas"] is state["betas"], id(()) == id(()))
s = {(1, 2): "a"}
print(copy.deepcopy(s), hash((1, 2)) == hash((1, 2)))

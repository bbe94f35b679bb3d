# copy.copy versus copy.deepcopy.
import copy

state = {"weights": [1.0, 2.0], "meta": {"epoch": 1}}
shallow = copy.copy(state)
deep = copy.deepcopy(state)
state["weights"].append(3.0)
state["meta"]["epoch"] = 2
state["new"] = True
print(shallow)
print(deep)
print(shallow["weights"] is state["weights"], deep["weights"] is state["weights"])
nested = [[1, 2], [3, 4]]
c = copy.copy(nested)
c[0][0] = 99
print(nested)
d = copy.deepcopy(nested)
d[1][1] = 0
print(nested, d)
shared = [0]
pair = [shared, shared]
dp = copy.deepcopy(pair)
print(dp[0] is dp[1], dp[0] is shared)
print(copy.copy((1, 2)), copy.deepcopy("text"))

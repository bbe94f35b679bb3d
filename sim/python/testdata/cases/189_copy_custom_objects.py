# copy and deepcopy of instances.
import copy


class Model:
    def __init__(self):
        self.weights = [1.0, 2.0]
        self.name = "net"


m = Model()
shallow = copy.copy(m)
deep = copy.deepcopy(m)
m.weights[0] = 100.0
m.name = "changed"
print(shallow.weights, shallow.name)
print(deep.weights, deep.name)
print(shallow is m, shallow.weights is m.weights, deep.weights is m.weights)
snapshot = copy.deepcopy({"epoch": 1, "model": m})
m.weights.append(3.0)
print(snapshot["model"].weights, len(m.weights))

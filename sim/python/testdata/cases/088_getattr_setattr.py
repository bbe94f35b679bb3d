# hasattr, getattr, setattr and delattr.
class Model:
    def __init__(self):
        self.weight = 1.0


m = Model()
print(hasattr(m, "weight"), hasattr(m, "bias"))
print(getattr(m, "weight"), getattr(m, "bias", "no bias"))
setattr(m, "bias", 0.5)
print(m.bias, sorted(vars(m)))
for name in ["weight", "bias"]:
    setattr(m, name, getattr(m, name) * 10)
print(m.weight, m.bias)
delattr(m, "bias")
print(hasattr(m, "bias"))
try:
    getattr(m, "momentum")
except AttributeError as e:
    print("AttributeError:", e)

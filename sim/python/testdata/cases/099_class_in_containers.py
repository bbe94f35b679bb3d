# Instances in lists and dicts; sorting them by attribute.
class Param:
    def __init__(self, name, numel):
        self.name = name
        self.numel = numel

    def __repr__(self):
        return f"Param({self.name!r}, {self.numel})"


params = [Param("fc.weight", 120), Param("fc.bias", 10), Param("conv.weight", 864)]
print(params)
print(sorted(params, key=lambda p: p.numel))
by_name = {p.name: p for p in params}
print(by_name["fc.bias"], sum(p.numel for p in params))
print([p.name for p in params if p.name.endswith("weight")])

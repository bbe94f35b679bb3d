# collections.OrderedDict (printed in CPython 3.12's repr form).
from collections import OrderedDict

od = OrderedDict()
od["layer1.weight"] = 1
od["layer1.bias"] = 2
od["layer2.weight"] = 3
print(od)
od.move_to_end("layer1.weight")
print(list(od))
od.move_to_end("layer2.weight", last=False)
print(list(od.keys()))
print(od.popitem(), od.popitem(last=False), od)
print(OrderedDict(a=1) == {"a": 1}, OrderedDict([("x", [1, 2])]))
print(OrderedDict())
nested = OrderedDict([("inner", OrderedDict([("k", "v")]))])
print(nested)
print(dict(od), isinstance(od, dict))

# A subclass of list or dict: its instances are of the subclass, and the
# methods it overrides are the ones called, directly or through super().
# (A non-empty OrderedDict subclass is left out: the recorder rewrites only
# OrderedDict([...]) itself to the 3.12 repr.)
class Doubling(list):
    def append(self, x):
        super().append(x * 2)


d = Doubling([1])
print(type(d).__name__, isinstance(d, list), d)
d.append(3)
grow = d.append
grow(4)
Doubling.append(d, 5)
list.append(d, 6)
print(d)


class Defaults(dict):
    def get(self, key, default="missing"):
        return super().get(key, default)


cfg = Defaults(lr=0.1)
print(type(cfg).__name__, cfg.get("lr"), cfg.get("momentum"), cfg)
print(repr('\xa0'), repr('no\u2028break'), ['\u200b'])
try:
    super(Doubling, [1]).append(2)
except TypeError as e:
    print("TypeError:", e)

from collections import OrderedDict, defaultdict


class Ordered(OrderedDict):
    pass


class Lists(defaultdict):
    pass


print(Ordered(), Lists(list, {"x": [1]}), defaultdict(int))

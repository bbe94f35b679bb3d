# __contains__ customizes the in operator.
class Range:
    def __init__(self, lo, hi):
        self.lo = lo
        self.hi = hi

    def __contains__(self, x):
        return self.lo <= x < self.hi


r = Range(0, 10)
print(5 in r, 10 in r, -1 not in r, 2.5 in r)


class StateDict:
    def __init__(self, **kw):
        self.kw = kw

    def __getitem__(self, key):
        return self.kw[key]

    def __contains__(self, key):
        return key in self.kw

    def keys(self):
        return self.kw.keys()


sd = StateDict(weight=1, bias=2)
print("weight" in sd, "momentum" in sd, sd["bias"], sorted(sd.keys()))

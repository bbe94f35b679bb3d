# Functions stored on classes, bound methods and method references.
class Counter:
    def __init__(self):
        self.n = 0

    def inc(self, by=1):
        self.n += by
        return self.n


c = Counter()
f = c.inc
print(f(), f(5), c.n)
print(Counter.inc(c, 10))
ops = [c.inc, c.inc]
print([op() for op in ops])
print(type(f).__name__, f.__name__, f.__self__ is c)


def describe(self):
    return f"Counter at {self.n}"


Counter.describe = describe
print(c.describe())

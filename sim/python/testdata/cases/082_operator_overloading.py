# Arithmetic dunders, reflected operands and sum().
class Vec:
    def __init__(self, *xs):
        self.xs = list(xs)

    def __add__(self, other):
        if isinstance(other, Vec):
            return Vec(*[a + b for a, b in zip(self.xs, other.xs)])
        return Vec(*[a + other for a in self.xs])

    def __radd__(self, other):
        return self + other

    def __mul__(self, k):
        return Vec(*[a * k for a in self.xs])

    __rmul__ = __mul__

    def __neg__(self):
        return self * -1

    def __repr__(self):
        return f"Vec{tuple(self.xs)}"


a = Vec(1, 2)
b = Vec(10, 20)
print(a + b, a + 1, 1 + a, a * 3, 3 * a, -a)
print(sum([a, b, Vec(100, 200)]))
total = Vec(0, 0)
total += a
print(total)

# A subclass of list or dict can override comparisons, deletion, hashing
# and reversed(); Python calls the subclass's methods, and super() still
# reaches list's and dict's own.
class Scores(list):
    def __lt__(self, other):
        print("Scores.__lt__")
        return sum(self) < sum(other)

    def __ne__(self, other):
        print("Scores.__ne__")
        return super().__ne__(other)

    def __delitem__(self, i):
        print("deleting", i)
        super().__delitem__(i)

    def __hash__(self):
        return hash(tuple(self))

    def __reversed__(self):
        print("Scores.__reversed__")
        return iter(sorted(self))


a = Scores([3, 1])
b = Scores([1, 1, 1])
print(a < b, b < a, a > [9], [9] > a)
print(a != [3, 1], a == [3, 1])
print(sorted([a, b]))
del a[0]
print(a, hash(a) == hash((1,)), len({a, Scores([1])}))
print(list(reversed(b + [0])), list(reversed(Scores([2, 0, 1]))))


class Declines(list):
    def __lt__(self, other):
        return NotImplemented


print(Declines([1]) < [2], [2] > Declines([1]))


class Registry(dict):
    def __delitem__(self, key):
        print("unregistering", key)
        super().__delitem__(key)

    def __le__(self, other):
        return self.keys() <= other.keys()


r = Registry(model=1, optimizer=2)
del r["model"]
print(r, r <= {"optimizer": 0, "epoch": 3}, {"x": 1} >= r)
try:
    del r["missing"]
except KeyError as e:
    print("KeyError", e)
try:
    hash(r)
except TypeError as e:
    print("TypeError:", e)

from operator import itemgetter, attrgetter
import operator
from functools import reduce
scores = {"b": 2, "a": 3, "c": 1}
print(sorted(scores.items(), key=itemgetter(1)), max(scores.items(), key=itemgetter(1))[0])
rows = [(1, "x", 9), (0, "y", 8)]
print(sorted(rows, key=itemgetter(0)), [itemgetter(0, 2)(r) for r in rows])
class R:
    def __init__(self, n):
        self.n = n
print([r.n for r in sorted([R(3), R(1)], key=attrgetter("n"))], reduce(operator.mul, [1, 2, 3, 4]), operator.add(2, 3))

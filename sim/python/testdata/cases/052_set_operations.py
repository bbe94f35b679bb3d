# Sets of ints: operations and methods.
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union([9]), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print({1, 2} <= a, {1, 2} < a, a >= {1}, a.isdisjoint({7, 8}), a.issubset(range(10)))
s = set()
s.add(3)
s.add(1)
s.add(3)
s.update([7, 2])
print(s, len(s), 7 in s)
s.discard(100)
s.remove(7)
print(s, s.pop(), s)
print(set(), set([1, 1, 2]), set(range(3)))
try:
    s.remove(42)
except KeyError as e:
    print("KeyError:", e)
print(sorted({"pear", "apple", "fig"}))

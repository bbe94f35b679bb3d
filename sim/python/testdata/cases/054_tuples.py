# Tuples: packing, one-element tuples, methods, immutability.
t = 1, 2, 3
print(t, type(t).__name__, len(t))
single = (5,)
not_tuple = (5)
print(single, not_tuple, ())
print(t + (4,), t * 2, t[1], t[-1], t[::-1])
print(t.count(2), t.index(3), (1, [2, 3]))
nested = ((1, 2), (3, 4))
print(nested[1][0], [a + b for a, b in nested])
print(tuple("abc"), tuple(range(3)), tuple({"k": 1}))
x, y = divmod(17, 5)
print(x, y)
try:
    t[0] = 10
except TypeError as e:
    print("TypeError:", e)
print(hash((1, 2)) == hash((1, 2)), (1, 2) == (1, 2), (1, 2) < (1, 3))

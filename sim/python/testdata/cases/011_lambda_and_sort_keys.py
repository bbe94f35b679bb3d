# lambda functions as keys and values.
square = lambda x: x * x
print(square(7))
pairs = [("b", 2), ("a", 3), ("c", 1)]
print(sorted(pairs))
print(sorted(pairs, key=lambda p: p[1]))
print(sorted(pairs, key=lambda p: -p[1]))
print(max(pairs, key=lambda p: p[1]))
adders = [lambda x, n=n: x + n for n in range(3)]
print([f(10) for f in adders])
print((lambda *a, **k: (a, k))(1, z=2))

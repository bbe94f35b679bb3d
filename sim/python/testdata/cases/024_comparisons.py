# Comparison chains, mixed numbers, identity and membership.
x = 5
print(1 < x < 10, 1 < x > 10, x == 5.0, 1 == True)
print(1 < 2 < 3 < 4, 3 > 2 > 2)
print("abc" < "abd", "Z" < "a", "" < "a", [1, 2] < [1, 3], (1, 2) < (1, 2, 0))
print(None is None, [] is [], [] == [])
a = [1]
b = a
print(a is b, a is not b, a == [1])
print(3 in [1, 2, 3], "ll" in "hello", "k" in {"k": 1}, 1 not in (2, 3))
print(max(3, 7.5), min(-1, -1.5), 2 ** 53 == 2 ** 53 + 1.0)
print(0.1 + 0.2 > 0.3, 10 ** 20 == 1e20, 10 ** 23 == 1e23)

# Unpacking: tuples, lists, nested, starred, and swapping.
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
x, (y, z) = 10, (20, 30)
print(x, y, z)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "abc"
print(init, last)
head, *middle, tail = range(6)
print(head, middle, tail)
[p, q] = "pq"
print(p, q)
for i, (k, v) in enumerate([("a", 1), ("b", 2)]):
    print(i, k, v)

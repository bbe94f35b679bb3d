# range objects.
r = range(10)
print(r, range(2, 10, 3), range(0))
print(len(r), r[3], r[-1], r[2:8:2], 5 in r, 10 in r)
print(list(range(5, 0, -1)), list(range(0, 10, 4)), list(range(3, 3)))
print(list(reversed(range(4))), sum(range(101)), max(range(7)))
print(range(0, 20, 5).index(15), range(10).count(3))
print(range(1, 4) == range(1, 4), list(range(-3, 3)))
for i in range(2, -3, -2):
    print(i, end=" ")
print()

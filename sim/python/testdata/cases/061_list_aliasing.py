# Names refer to objects: aliasing versus copying.
a = [1, 2, 3]
b = a
c = a[:]
d = list(a)
b.append(4)
print(a, b, c, d)
print(a is b, a is c, a == c)


def mutate(lst):
    lst.append("changed")


def rebind(lst):
    lst = ["new"]
    return lst


mutate(a)
print(a)
print(rebind(a), a)
rows = [[0] * 2] * 3
rows[0][0] = 1
print(rows)

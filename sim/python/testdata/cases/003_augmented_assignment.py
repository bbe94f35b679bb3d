# Augmented assignment on names, attributes and subscripts.
n = 10
n += 5
n -= 3
n *= 2
n //= 5
n %= 3
n **= 4
print(n)
f = 7.0
f /= 2
print(f)
s = "ab"
s += "cd"
s *= 2
print(s)


class Box:
    pass


b = Box()
b.count = 1
b.count += 41
print(b.count)
d = {"steps": 0}
d["steps"] += 100
print(d)
items = [1, 2]
alias = items
items += [3]
print(items, alias, items is alias)
t = (1, 2)
t2 = t
t += (3,)
print(t, t2)
m = [[0, 0], [0, 0]]
m[1][0] += 9
print(m)

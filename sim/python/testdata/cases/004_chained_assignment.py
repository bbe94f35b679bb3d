# Chained assignment binds every target to the same object.
a = b = c = 0
print(a, b, c)
x = y = []
x.append(1)
print(x, y, x is y)
p = q = [0] * 3
q[0] = 5
print(p)
i = j = 1
j += 1
print(i, j)

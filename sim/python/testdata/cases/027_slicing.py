# Slicing lists, tuples and strings, with steps and assignment.
a = list(range(10))
print(a[2:5], a[:3], a[7:], a[-3:], a[:-7])
print(a[::2], a[1::3], a[::-1], a[8:2:-2], a[-1:-4:-1])
print(a[100:], a[-100:2], a[5:2])
s = "checkpoint"
print(s[:5], s[5:], s[::-1], s[1:8:3])
t = (1, 2, 3, 4)
print(t[1:3], t[::-2])
b = a[:]
b[0:3] = ["x"]
print(b)
b[1:1] = [100, 200]
print(b)
b[::3] = [0] * len(b[::3])
print(b)
c = [1, 2, 3, 4, 5]
del c[1::2]
print(c)
print(a[slice(1, 6, 2)], "abc"[slice(None, None, -1)])

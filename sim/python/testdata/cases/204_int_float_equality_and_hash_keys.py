# Equal numbers are the same dict key; True is 1.
d = {}
d[1] = "int"
d[1.0] = "float"
d[True] = "bool"
print(d, len(d))
s = {0, 0.0, False, 1, 1.0}
print(s)
print(hash(1) == hash(1.0) == hash(True), 2 ** 61 - 1 == float(2 ** 61 - 1))
print({(1, 2): "t"}[(1.0, 2.0)])

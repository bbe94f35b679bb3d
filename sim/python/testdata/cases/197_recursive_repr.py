# Containers that contain themselves print as [...] and {...}.
a = [1, 2]
a.append(a)
print(a)
d = {"self": None}
d["self"] = d
print(d)
b = [a, a]
print(len(b), b[0] is b[1])

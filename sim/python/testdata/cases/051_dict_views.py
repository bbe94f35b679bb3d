# keys(), values() and items() views are live.
d = {"w": 1, "b": 2}
k = d.keys()
v = d.values()
it = d.items()
print(k, v, it)
d["z"] = 3
print(k, len(v), ("z", 3) in it)
print(list(reversed(d)), sorted(v, reverse=True))
for key, value in d.items():
    print(key, "->", value)
print(k & {"w", "q"}, sorted(k | {"q"}))

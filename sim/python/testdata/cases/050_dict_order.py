# dicts keep insertion order; updating a key keeps its place.
d = {}
d["c"] = 1
d["a"] = 2
d["b"] = 3
print(d)
d["c"] = 10
print(d)
del d["a"]
d["a"] = 4
print(d)
print({k: v for k, v in sorted(d.items())})
print({x: x * x for x in range(5) if x != 2})
merged = {**{"a": 1, "b": 2}, **{"b": 20, "c": 30}}
print(merged)
print(dict(zip("abc", range(3))))
inverse = {v: k for k, v in merged.items()}
print(inverse)
print({1: "int", 1.0: "float", True: "bool"})

# del on names, list items, slices, dict keys and attributes.
items = [0, 1, 2, 3, 4, 5]
del items[0]
print(items)
del items[1:3]
print(items)
del items[::2]
print(items)
d = {"a": 1, "b": 2}
del d["a"]
print(d)


class C:
    pass


c = C()
c.x = 1
del c.x
print(hasattr(c, "x"))
name = "temp"
del name
try:
    print(name)
except NameError as e:
    print("NameError:", e)

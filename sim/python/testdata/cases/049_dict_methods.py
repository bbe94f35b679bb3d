# The dict methods.
d = {"epoch": 3, "loss": 0.5}
print(d.get("epoch"), d.get("lr"), d.get("lr", 0.01))
print(d.setdefault("lr", 0.1), d.setdefault("epoch", 99), d)
d.update({"loss": 0.4, "acc": 0.9})
d.update(step=7)
print(d)
print(d.pop("acc"), d.pop("missing", "default"))
print(d.popitem(), d)
print(list(d.keys()), list(d.values()), list(d.items()))
print("epoch" in d, 0.4 in d, 0.4 in d.values(), len(d))
e = dict.fromkeys(["a", "b"], 0)
print(e, dict(a=1, b=2), dict([("x", 1)], y=2))
c = d.copy()
c.clear()
print(c, d)
try:
    d.pop("nope")
except KeyError as err:
    print("KeyError", err)

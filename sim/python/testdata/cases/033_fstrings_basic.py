# f-strings: expressions, conversions and the = form.
name = "model"
epoch = 3
loss = 0.123456
items = [1, 2]
print(f"{name} at epoch {epoch}")
print(f"{name!r} {name!s} {name!a}")
print(f"{'café'!a}")
print(f"{epoch + 1} {epoch * 2.5} {items[0]} {len(items)}")
print(f"{loss=}")
print(f"{epoch = }")
print(f"{{literal braces}} {epoch}")
print(f"{'nested quotes'}")
print(f"{items!r:>12}|")
d = {"lr": 0.01}
print(f"lr is {d['lr']}")
print(f"{3 > 2} {None} {[x * 2 for x in items]}")
print(F"upper F {epoch}")

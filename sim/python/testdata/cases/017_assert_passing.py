# assert statements that hold do nothing.
x = 5
assert x == 5
assert x > 0, "x must be positive"
assert isinstance(x, int)
print("all assertions passed")
try:
    assert x < 0, f"x is {x}"
except AssertionError as e:
    print("caught:", e)
try:
    assert False
except AssertionError as e:
    print("empty message:", repr(str(e)), e.args)

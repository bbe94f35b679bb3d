# str() and repr() of exceptions; KeyError quotes its key.
errors = [
    ValueError("bad value"),
    KeyError("optimizer"),
    KeyError(3),
    KeyError(("a", 1)),
    IndexError(),
    TypeError("x", 2),
    ZeroDivisionError("division by zero"),
    RuntimeError(""),
]
for e in errors:
    print(type(e).__name__, "|", str(e), "|", repr(e), "|", e.args)
try:
    {"a": 1}["b"]
except KeyError as e:
    print(str(e), repr(e), e.args[0])

# The messages of common ValueErrors (min/max of an empty list reworded to
# 3.12's text by the recorder).
tests = [
    lambda: int("abc"),
    lambda: int("3.5"),
    lambda: int(""),
    lambda: int("12", 2),
    lambda: float("x1"),
    lambda: [1, 2].index(3),
    lambda: [1].remove(2),
    lambda: "abc".index("z"),
    lambda: (1, 2).index(5),
    lambda: "a,b".split(""),
    lambda: range(1, 2, 0),
    lambda: "{}".format,
    lambda: max([]),
    lambda: min([]),
    lambda: chr(-1),
    lambda: "x".center(5, "ab"),
    lambda: int("9" * 5000),
]
for t in tests:
    try:
        r = t()
        print("no error:", type(r).__name__)
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
a, b = 1, 2
for bad in [[1, 2, 3], [1], "abcd", []]:
    try:
        x, y = bad
    except ValueError as e:
        print(e)
try:
    p, q, *r = [1]
except ValueError as e:
    print(e)

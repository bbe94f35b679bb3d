# str.format: positional, keyword, attribute and index fields.
print("{} + {} = {}".format(1, 2, 3))
print("{0} {1} {0}".format("a", "b"))
print("{name} is {age}".format(name="Ada", age=36))
point = {"x": 1, "y": 2}
print("x={0[x]} y={0[y]}".format(point))
print("first={0[0]} last={0[2]}".format([10, 20, 30]))


class P:
    def __init__(self):
        self.x = 3


print("attr: {0.x}".format(P()))
print("{:>8}|{:<8}|{:^8}|".format("r", "l", "c"))
print("{:.2f} {:,} {:08.3f}".format(3.14159, 1234567, -3.5))
print("{0!r} {0!s}".format("q"))
print("{:{}}|{:{w}.{p}f}".format("pad", 6, 2.5, w=8, p=3))
print("{{escaped}} {}".format("value"))
print("{x}-{y}".format_map({"x": 1, "y": 2}))

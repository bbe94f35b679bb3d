# str() falls back to __repr__; format() with an empty spec uses str().
class Step:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return f"Step({self.n})"


s = Step(3)
print(str(s), format(s), f"{s}", "{}".format(s), "%s" % s)
try:
    format(s, ">10")
except TypeError as e:
    print("TypeError:", e)


class Fmt:
    def __format__(self, spec):
        return f"<{spec}>"


print(f"{Fmt():abc}", format(Fmt(), "x"), "{:q}".format(Fmt()))

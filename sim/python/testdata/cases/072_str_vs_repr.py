# print uses __str__; containers and repr() use __repr__.
class Temperature:
    def __init__(self, degrees):
        self.degrees = degrees

    def __str__(self):
        return f"{self.degrees} degrees"

    def __repr__(self):
        return f"Temperature({self.degrees!r})"


t = Temperature(21.5)
print(t)
print(repr(t), str(t))
print([t], {"now": t})
print(f"{t} {t!r}")
print("%s / %r" % (t, t))


class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr()"


print(OnlyRepr(), str(OnlyRepr()))

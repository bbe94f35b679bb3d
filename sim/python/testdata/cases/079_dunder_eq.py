# __eq__ and its effect on == and in.
class Version:
    def __init__(self, major, minor):
        self.major = major
        self.minor = minor

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return (self.major, self.minor) == (other.major, other.minor)

    def __repr__(self):
        return f"v{self.major}.{self.minor}"


print(Version(1, 2) == Version(1, 2), Version(1, 2) != Version(1, 3))
print(Version(1, 2) in [Version(0, 1), Version(1, 2)])
print(Version(1, 0) == "1.0", [Version(2, 0)].index(Version(2, 0)))


class Plain:
    pass


p = Plain()
print(p == p, Plain() == Plain())

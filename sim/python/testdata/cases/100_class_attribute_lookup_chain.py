# Attribute lookup: instance, class, then base classes.
class Base:
    kind = "base"
    size = 1

    def info(self):
        return (self.kind, self.size)


class Derived(Base):
    kind = "derived"


d = Derived()
print(d.info())
d.size = 5
print(d.info(), Derived.size, Base.size)
Base.size = 2
print(Derived().info())
print(Derived.__dict__.get("kind"), "size" in Derived.__dict__)

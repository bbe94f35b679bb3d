# super() with and without arguments.
class Base:
    def __init__(self, size):
        print("Base.__init__", size)
        self.size = size

    def hello(self):
        return "Base"


class Child(Base):
    def __init__(self, size, extra):
        super().__init__(size)
        self.extra = extra

    def hello(self):
        return "Child>" + super().hello()


class OldStyle(Base):
    def __init__(self):
        super(OldStyle, self).__init__(99)

    def hello(self):
        return "Old>" + super(OldStyle, self).hello()


c = Child(3, "x")
print(c.size, c.extra, c.hello())
o = OldStyle()
print(o.size, o.hello())

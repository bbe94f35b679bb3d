# with A() as a, B() as b: enter in order, exit in reverse.
class Resource:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("open", self.name)
        return self.name.upper()

    def __exit__(self, *exc):
        print("close", self.name)


with Resource("a") as a, Resource("b") as b:
    print("using", a, b)
with Resource("outer"):
    with Resource("inner") as i:
        print("nested", i)

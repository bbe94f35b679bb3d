# Inheritance and method overriding.
class Module:
    def __init__(self, name):
        self.name = name

    def forward(self, x):
        return x

    def describe(self):
        return f"{self.name}: {self.forward(1)}"


class Double(Module):
    def forward(self, x):
        return 2 * x


class AddOne(Double):
    def forward(self, x):
        return super().forward(x) + 1


for m in [Module("id"), Double("double"), AddOne("add")]:
    print(m.describe())
print(isinstance(AddOne("a"), Module), issubclass(Double, Module), issubclass(Module, Double))
print(AddOne.__bases__[0].__name__, [c.__name__ for c in AddOne.__mro__])

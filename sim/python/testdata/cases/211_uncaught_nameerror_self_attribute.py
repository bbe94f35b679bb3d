# CPython 3.12 suggests self.<name> when a method forgets "self.".
# rewrite-3.12: NameError: name 'weight' is not defined => NameError: name 'weight' is not defined. Did you mean: 'self.weight'?
class Model:
    def __init__(self):
        self.weight = 2.0

    def scaled(self, k):
        return weight * k


print(Model().scaled(3))

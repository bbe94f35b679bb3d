# An exception raised while constructing an object.
class Model:
    def __init__(self, sizes):
        self.layers = [sizes[i] * sizes[i + 1] for i in range(len(sizes) - 1)]
        self.total = sum(self.layers) / len(self.layers)


print(Model([4, 3, 2]).total)
m = Model([4])

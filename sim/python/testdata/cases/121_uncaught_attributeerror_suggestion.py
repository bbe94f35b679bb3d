# AttributeError with a "Did you mean" hint from the object's attributes.
class Linear:
    def __init__(self):
        self.weight = [[0.0]]
        self.bias = [0.0]


layer = Linear()
print(layer.bias)
print(layer.weights)

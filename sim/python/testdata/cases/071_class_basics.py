# A class with __init__, methods and __repr__.
class Linear:
    def __init__(self, in_features, out_features, bias=True):
        self.in_features = in_features
        self.out_features = out_features
        self.bias = bias

    def num_params(self):
        n = self.in_features * self.out_features
        if self.bias:
            n += self.out_features
        return n

    def __repr__(self):
        return f"Linear(in_features={self.in_features}, out_features={self.out_features}, bias={self.bias})"


layer = Linear(4, 3)
print(layer)
print(layer.num_params(), Linear(4, 3, bias=False).num_params())
print([layer, Linear(1, 1)])
print(Linear.num_params(layer), type(layer).__name__)
layer.out_features = 10
print(layer.num_params())

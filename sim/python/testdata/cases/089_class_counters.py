# Class-level state shared by all instances.
class Layer:
    created = 0
    registry = {}

    def __init__(self, name):
        Layer.created += 1
        self.id = Layer.created
        Layer.registry[name] = self

    def __repr__(self):
        return f"<Layer {self.id}>"


for n in ["conv", "relu", "fc"]:
    Layer(n)
print(Layer.created, Layer.registry)
print(Layer.registry["relu"].id)

# @property with a setter and validation.
class Optimizer:
    def __init__(self, lr):
        self._lr = None
        self.lr = lr

    @property
    def lr(self):
        return self._lr

    @lr.setter
    def lr(self, value):
        if value <= 0:
            raise ValueError(f"invalid learning rate: {value}")
        self._lr = value

    @property
    def description(self):
        return f"SGD(lr={self.lr})"


opt = Optimizer(0.1)
print(opt.lr, opt.description)
opt.lr = 0.01
print(opt.lr)
try:
    opt.lr = -1
except ValueError as e:
    print("ValueError:", e)
print(opt.lr)
print(type(Optimizer.lr).__name__)

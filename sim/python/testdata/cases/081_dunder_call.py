# __call__ makes instances callable.
class Scale:
    def __init__(self, factor):
        self.factor = factor
        self.calls = 0

    def __call__(self, x):
        self.calls += 1
        return x * self.factor


double = Scale(2)
print(double(21), double(0.5), double("ab"))
print(double.calls, callable(double), callable(Scale), callable(5))
print(list(map(Scale(10), [1, 2, 3])))

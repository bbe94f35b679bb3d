# AttributeError messages as str(e): the "Did you mean" hint is only added
# when a traceback is printed, never to the message itself.
class Model:
    def __init__(self):
        self.weight = 1


tests = [
    lambda: Model().weights,
    lambda: None.shape,
    lambda: [1].push(2),
    lambda: "s".lenght,
    lambda: (1).real.foo,
    lambda: {}.has_key("a"),
    lambda: Model.missing,
]
for t in tests:
    try:
        t()
    except AttributeError as e:
        print(e)
        print(" name:", e.name)
import math
try:
    math.tau_
except AttributeError as e:
    print(e)

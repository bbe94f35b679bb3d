# Calls whose callee keeps its arguments after it returns: partial objects,
# instances with __call__, callables stored in attributes. Each must keep
# what it was given, whatever the calls after it pass.
import functools
import math


def show(*args, **kwargs):
    return args, kwargs


p = functools.partial(show, 1, 2, key="a")
q = functools.partial(show, 3, 4)
print(p(5), q(6))
print(p(), q(key="b"))


class Recorder:
    def __init__(self):
        self.calls = []

    def __call__(self, *args):
        self.calls.append(args)
        return len(self.calls)


r = Recorder()
print(r(1, 2), r(math.sqrt(16), r(3)), r())
print(r.calls)


class Keeps:
    def __call__(self, a, b):
        self.last = [a, b]
        return a + b


k = Keeps()
print(k(1, 2) + k(k(3, 4), 5), k.last)


class Partial:
    __call__ = functools.partial(show, "bound?")


try:
    print(Partial()(7, 8))
except TypeError as e:
    print("TypeError:", e)

pow2 = functools.partial(math.pow, 2)
print([pow2(i) for i in range(4)], pow2(10))

n = 5
try:
    n(1, 2)
except TypeError as e:
    print("TypeError:", e)

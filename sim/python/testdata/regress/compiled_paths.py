# Compiled statements and expressions behave as the evaluator's own paths:
# order of evaluation, method caches after class changes, conditions on
# objects, errors and their tracebacks.
log = []


def note(tag, value):
    log.append(tag)
    return value


d = {}
note("start", d)[note("key", "k")] = note("value", 1)
print(log)


class Greeter:
    def hello(self):
        return "hello"


def greet_all(objs):
    return [o.hello() for o in objs]


g = Greeter()
print(greet_all([g, g]))
Greeter.hello = lambda self: "patched"
print(greet_all([g]))
g.hello = lambda: "instance"
print(greet_all([g]))
del Greeter.hello
try:
    Greeter().hello()
except AttributeError as e:
    print("AttributeError:", e)


class Fuzzy:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return self.v < other.v

    def __eq__(self, other):
        return [self.v] if self.v == other.v else []


def classify(a, b):
    if a < b:
        return "less"
    elif a == b:
        return "equal"
    else:
        return "greater"


print(classify(Fuzzy(1), Fuzzy(2)), classify(Fuzzy(2), Fuzzy(2)), classify(Fuzzy(3), Fuzzy(2)))
print(classify(1, 2), classify(2.5, 2.5), classify("b", "a"))

total = 0
for i in range(2**62, 2**62 + 3):
    total += i * 4
print(total, 7 // -2, -7 % 3, 2**63 - 1 + 1, (-2**63) // -1)


def counter():
    n = 0

    def bump():
        nonlocal n
        n += 1
        return n

    return bump


b = counter()
print([b() for _ in range(3)])


def late():
    if x > 0:
        return x
    x = 1


try:
    late()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)


def deep(n):
    return n if n == 0 else deep(n - 1)


try:
    deep(5000)
except RecursionError as e:
    print("RecursionError:", e)


def check(values):
    out = 0
    for v in values:
        if v % 2 == 0:
            out += v
        elif v % 3 == 0:
            out -= v
        else:
            out = out * 2 + v
    return out


print(check(range(20)))


def bump_all():
    class Box:
        pass

    b = Box()
    b.n = 1
    d = {"k": [1]}
    for _ in range(2):
        note("obj", b).n += note("v", 2)
        note("dict", d)[note("key", "k")] += note("v", [2])
    return b.n, d


log.clear()
print(bump_all(), log)
print(check([1, 2, "x"]))

# Frames of finished calls are reused: nothing a call leaves behind may see
# a later call's frame.
def leaf(n):
    if n == 0:
        raise ValueError("deep")
    return leaf(n - 1)


def helper(x):
    return x + 1


saved = []


def catch():
    try:
        leaf(3)
    except ValueError as e:
        saved.append(e)
    return helper(1)


for i in range(5):
    catch()
    helper(i)
print(len(saved), saved[0])


def many(a, b, c, d, e, f, g, h):
    i = a + b + c + d
    j = e + f + g + h
    return i * j


print(sum(many(k, 1, 2, 3, 4, 5, 6, 7) for k in range(100)))


def make_counter():
    count = 0

    def bump():
        nonlocal count
        count += 1
        return count

    return bump


counters = [make_counter() for _ in range(3)]
for c in counters:
    c()
print([c() for c in counters])


def gen(n):
    for i in range(n):
        yield helper(i)


g1, g2 = gen(3), gen(3)
print(next(g1), next(g2), list(g1), list(g2))


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


print(depth(200), depth(5))


class Base:
    def hello(self):
        return "base"


class Child(Base):
    def hello(self):
        return "child+" + super().hello()


print([Child().hello() for _ in range(3)])


def missing():
    try:
        return undefined_name
    except NameError as e:
        return e


errs = [missing() for _ in range(3)]
print(errs[0], errs[2])


def reraise():
    for i in range(3):
        helper(i)
    raise saved[0]


reraise()

# Default values are evaluated once, when def runs.
calls = []


def stamp(tag, when=len(calls)):
    calls.append(tag)
    return tag, when


print(stamp("a"), stamp("b"), calls)
limit = 5


def capped(x, cap=limit):
    return min(x, cap)


limit = 100
print(capped(50), capped(50, limit))

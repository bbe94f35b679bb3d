# Generator functions: yield, next, exhaustion, send-free pipelines.
def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "done"


g = countdown(3)
print(next(g), next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("stopped with", repr(e.value))

print(list(countdown(5)))


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


out = []
for x in fib():
    if x > 100:
        break
    out.append(x)
print(out)


def chain(*iterables):
    for it in iterables:
        yield from it


print(list(chain([1, 2], "ab", range(2))))

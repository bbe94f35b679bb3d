# * and ** in calls and displays.
def f(a, b, c=0, *rest, **kw):
    return a, b, c, rest, kw


args = [1, 2]
print(f(*args))
print(f(*args, 3, 4, 5, x=6))
print(f(**{"a": 1, "b": 2, "c": 3}))
print(f(1, *[2, 3], **{"z": 0}))
print(*[1, 2, 3])
print(*"abc", sep="|")
print([*range(3), *"xy"], (*[1], 2), {*[1, 2], 3})
print({**{"a": 1}, "b": 2, **{"a": 3}})
first, *_ = [9, 8, 7]
print(first)

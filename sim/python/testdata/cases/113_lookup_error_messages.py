# KeyError and IndexError messages.
tests = [
    lambda: {"a": 1}["b"],
    lambda: {1: "x"}[2],
    lambda: {(1, 2): 0}[(3, 4)],
    lambda: {}[None],
    lambda: [1, 2, 3][5],
    lambda: [][-1],
    lambda: (1,)[1],
    lambda: "abc"[10],
    lambda: range(3)[3],
    lambda: [].pop(),
    lambda: [1].pop(5),
    lambda: {}.popitem(),
    lambda: set().pop(),
    lambda: {1}.remove(2),
]
for t in tests:
    try:
        t()
    except LookupError as e:
        print(type(e).__name__, "|", e, "|", repr(e))

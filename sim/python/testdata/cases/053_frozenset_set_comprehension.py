# frozenset and set comprehensions.
fs = frozenset([3, 1, 2])
print(fs, len(fs), 2 in fs)
print(fs | {9}, fs & frozenset([1, 5]))
d = {fs: "frozen keys work"}
print(d[frozenset({1, 2, 3})])
print({x % 4 for x in range(10)})
print({n * n for n in [-2, -1, 0, 1, 2]})
print(frozenset(), set() == frozenset())

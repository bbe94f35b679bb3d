# Sorting is stable: equal keys keep their order, so sorts can be layered.
rows = [("b", 2, "x"), ("a", 1, "y"), ("b", 1, "z"), ("a", 2, "w")]
by_second = sorted(rows, key=lambda r: r[1])
print(by_second)
layered = sorted(by_second, key=lambda r: r[0])
print(layered)
print(sorted(rows, key=lambda r: (r[0], -r[1])))
print(sorted([3, -1, 2, -3], key=abs), sorted(["b", "A", "a", "B"], key=str.lower))
print(sorted([[1, "b"], [1, "a"], [0, "z"]]))

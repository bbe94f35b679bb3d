# List comprehensions: filters, nesting, conditional values.
print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(i, j) for i in range(3) for j in range(i)])
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print([v for row in matrix for v in row])
print(["pos" if v > 0 else "neg" for v in [1, -1, 2]])
words = ["Model", "optimizer", "Epoch"]
print([w.lower() for w in words if w[0].isupper()])
x = "outer"
print([x for x in "ab"], x)

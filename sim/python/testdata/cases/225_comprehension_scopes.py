# Comprehension variables do not leak; nested comprehensions see outer names.
x = "outer"
squares = [x * x for x in range(4)]
print(x, squares)
table = [[row * col for col in range(1, 4)] for row in range(1, 4)]
print(table)
factor = 10
print([v * factor for v in range(3)], {k: k * factor for k in "ab"})
pairs = [(i, j) for i in range(3) for j in range(i, 3) if (i + j) % 2 == 0]
print(pairs)


class Holder:
    base = 5
    items = [base + 1 for _ in range(2)] if False else []


print(Holder.items)


def closure_in_comprehension():
    fs = [lambda: i for i in range(3)]
    return [f() for f in fs]


print(closure_in_comprehension())

# CPython 3.12 runs list comprehensions in the enclosing frame (PEP 709): the
# recorder merges 3.11's separate <listcomp> frame into the frame above it.
def normalise(values):
    total = sum(values)
    return [v / total for v in values]


print(normalise([1, 3]))
print(normalise([1, -1]))

# Unpacking too few values, in a for loop.
rows = [("w", 1), ("b",)]
for name, size in rows:
    print(name, size)

# print with several arguments, sep and end.
print("hello", "world")
print(1, 2.5, True, None)
print("a", "b", "c", sep="-")
print("no newline", end="")
print(" <- same line")
print()
print("x", "y", sep="", end="!\n")
print([1, 2], (3, 4), {"k": 5})

# Assigning to a function call instead of comparing.
def f():
    return 1


if f() = 1:
    print("one")

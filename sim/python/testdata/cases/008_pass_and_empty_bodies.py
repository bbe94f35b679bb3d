# pass, ellipsis bodies and docstrings.
def todo():
    pass


def stub():
    ...


class Empty:
    pass


class Documented:
    """Only a docstring."""


print(todo(), stub())
print(Empty.__name__, Documented.__doc__)
for _ in range(3):
    pass
print("end")

# A custom exception class in the final line of a traceback.
class ShapeMismatchError(ValueError):
    pass


def check(expected, got):
    if expected != got:
        raise ShapeMismatchError(f"expected {expected}, got {got}")


check((3, 4), (3, 4))
check((3, 4), (4, 3))

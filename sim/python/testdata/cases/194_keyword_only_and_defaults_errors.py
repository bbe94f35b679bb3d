# Errors from calling functions with keyword-only and positional-only rules.
def save(obj, *, path, overwrite=False):
    return path


def pos_only(a, b, /, c):
    return a + b + c


print(save(1, path="x.pt"), pos_only(1, 2, c=3))
for call in [lambda: save(1, "x.pt"), lambda: save(1), lambda: pos_only(1, b=2, c=3), lambda: pos_only()]:
    try:
        call()
    except TypeError as e:
        print(e)

# __exit__ returning True swallows the exception.
class Suppress:
    def __init__(self, *types):
        self.types = types

    def __enter__(self):
        return None

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, self.types):
            print("suppressed", exc_type.__name__, exc)
            return True
        return False


with Suppress(KeyError):
    {}["missing"]
print("continues")
with Suppress(ZeroDivisionError, ValueError):
    int("not a number")
print("still running")
try:
    with Suppress(KeyError):
        [][0]
except IndexError as e:
    print("not suppressed:", e)

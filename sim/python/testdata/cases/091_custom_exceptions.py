# Defining and raising custom exception classes.
class CheckpointError(Exception):
    pass


class MissingKeyError(CheckpointError):
    def __init__(self, key, available):
        super().__init__(f"missing key {key!r}")
        self.key = key
        self.available = available


def load(state, key):
    if key not in state:
        raise MissingKeyError(key, sorted(state))
    return state[key]


try:
    load({"model": 1}, "optimizer")
except CheckpointError as e:
    print(type(e).__name__, e, e.key, e.available)
    print(repr(e), e.args)
print(issubclass(MissingKeyError, Exception), MissingKeyError.__mro__[1].__name__)
err = CheckpointError("a", 2)
print(str(err), repr(err), err.args)
print(repr(CheckpointError()), str(CheckpointError()) == "")

# raise ... from None hides the original exception.
def get(d, key):
    try:
        return d[key]
    except KeyError:
        raise LookupError(f"no entry named {key}") from None


get({}, "epoch")

# An error inside an except block: both tracebacks, joined by CPython's sentence.
def load(path):
    files = {"a.pt": b"..."}
    try:
        return files[path]
    except KeyError:
        print("not found, falling back")
        return files["defaults"]


load("b.pt")

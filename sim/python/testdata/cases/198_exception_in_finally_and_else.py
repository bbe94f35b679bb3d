# An exception raised in else or finally replaces the original one.
def f():
    try:
        return 1
    finally:
        print("finally runs before the return completes")


print(f())
try:
    try:
        raise KeyError("original")
    finally:
        print("cleanup")
except KeyError as e:
    print("caught", e)
try:
    try:
        pass
    except Exception:
        print("not reached")
    else:
        raise ValueError("from else")
except ValueError as e:
    print("caught", e)

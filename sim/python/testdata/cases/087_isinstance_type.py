# type(), isinstance() and issubclass().
values = [1, 1.0, "1", True, None, [1], (1,), {1: 1}, {1}]
for v in values:
    print(repr(v), type(v).__name__, isinstance(v, int), isinstance(v, (list, tuple)))
print(type(1) is int, type(True) is int, isinstance(True, int))
print(issubclass(bool, int), issubclass(int, object), issubclass(KeyError, LookupError))
print(type(type(1)).__name__, type(len).__name__, type(lambda: 0).__name__)
print(int.__name__, str(int), str(type(None)))

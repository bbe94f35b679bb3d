print(type(iter([])).__name__, type(iter(())).__name__, type(iter(range(2))).__name__, type(iter("a")).__name__, type(iter({})).__name__, type(iter({1})).__name__, type(iter({}.values())).__name__)
it = iter([1, 2])
print(next(it), list(it), type(enumerate([])).__name__, type(zip()).__name__, type(map(str, [])).__name__)
class A: pass
print(repr(A())[:17], repr(object())[:18])

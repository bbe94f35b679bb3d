# int(), float(), str(), bool() conversions.
print(int("42"), int("-7"), int(3.99), int(-3.99), int("0"))
print(float("3.5"), float("1e-7"), float("-inf"), float(" 2.5 "), float("nan"))
print(float(3), float("1_000.5"))
print(str(42), str(3.0), str(1e20), str(1e-20), str(True), str(None))
print(bool(0), bool(1), bool(""), bool("False"), bool([]), bool([0]))
print(repr(str(0.1)), repr(1.0), repr("1.0"))
print(int("12") + int(3.7), float(int("5")) / 2)
print(list("abc"), tuple([1, 2]), set([3, 3, 1]), dict([("a", 1)]))

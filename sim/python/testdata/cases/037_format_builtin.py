# The format() builtin and __format__ of the basic types.
print(format(3.14159, ".2f"), format(42, "08b"), format(255, "x"))
print(format("text", "^10"), format(1234567.891, ",.2f"))
print(format(0.000123, "e"), format(123456789, ".3g"), format(1e-7, "g"))
print(format(12, ""), format(1.5, ""), format(True, ""), format(None, ""))
print(format(7, "n"), format(1.25, "n"), format(-3, " d"))
print(format(10, "%"), format(0.5, ".0%"), format(2 ** 64, "_x"))
print(repr(format(1.0, "")), repr(format(1e22, "")), format(1e22, ".2f"))

# repr() of floats: shortest round-trip digits and the switch to exponents.
values = [0.1, 0.2, 0.7, 1.1, 2.675, 1 / 3, 100.0, 1e15, 1e16, 1e17, 123456789.123, 0.0001, 0.00001,
          1.5e-7, 5e-324, 1.7976931348623157e308, 2.0 ** 0.5, 1e22, 1e23, 9007199254740993.0,
          -1.0, -0.0, 3.14159e-10, 6.02214076e23, 0.1 + 0.7, 4.35, 100 * 4.35]
for v in values:
    print(repr(v), str(v), v)
print(values[:5])
print(sum(values[:3]), [round(v, 3) for v in values[:6]])

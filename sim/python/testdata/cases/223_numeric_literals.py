# Numeric literal forms.
print(1e3, 1E-3, 2.5e+2, .5, 5., 0.0, 00, 0_0)
print(1_000_000, 0x_FF, 0o_17, 0b_1010, 0XAB, 0O7, 0B1)
print(123456789012345678901234567890, -0x80000000)
print(1.5e308 * 10, 4.9e-324, 1e-400, 0.1e1)
print(type(1e3).__name__, type(10 ** 3).__name__, 3 / 1, 7 // 1.0)

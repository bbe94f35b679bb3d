# round() uses banker's rounding; negative ndigits; abs and int truncation.
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(-1.5))
print(round(2.675, 2), round(0.125, 2), round(0.375, 2))
print(round(1234.5678, 1), round(1234.5678, -2), round(1250, -2), round(1350, -2))
print(round(7), round(7.0), round(-7.7), type(round(7.5)).__name__, type(round(7.5, 1)).__name__)
print(round(1e300), round(123, 5))
print(abs(-3), abs(-3.5), abs(0.0), abs(-0.0))
print(int(3.9), int(-3.9), int(0.9999999999999999))

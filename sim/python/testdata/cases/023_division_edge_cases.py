# Division and modulo signs follow the divisor; int and float mixes.
for a, b in [(7, 2), (-7, 2), (7, -2), (-7, -2)]:
    print(a, b, "//", a // b, "%", a % b, "/", a / b)
for a, b in [(7.0, 2), (-7.5, 2), (7, -2.5), (0.0, -3)]:
    print(a, b, "//", a // b, "%", a % b)
print(-1 % 360, -1.0 % 360, 361 % 360)
print(10 // 0.3, 10 % 0.3)
print(2 ** 62 // 3, (2 ** 64 + 1) % 10)
print(True / 2, 3 // True)

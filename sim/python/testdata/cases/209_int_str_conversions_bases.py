# Converting between int and text in several bases.
for n in [0, 7, 255, -255, 1024, 2 ** 40]:
    print(n, bin(n), oct(n), hex(n), f"{n:b}", f"{n:o}", f"{n:x}", str(n))
print(int("0b101", 0), int("0o17", 0), int("0xff", 0), int("42", 0), int("z", 36), int("Z", 36))
print(int("  -0x1F  ", 16), int("1" * 30, 2))
try:
    int("08", 0)
except ValueError as e:
    print("ValueError:", e)

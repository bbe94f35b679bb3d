# Arbitrary-precision ints and conversions between bases.
f = 1
for i in range(1, 31):
    f *= i
print(f)
print(2 ** 200)
print(len(str(2 ** 1000)))
print(-(2 ** 70) // 3, -(2 ** 70) % 7)
print(bin(10), oct(64), hex(255), hex(-255), bin(-5))
print(int("ff", 16), int("0x1f", 16), int("777", 8), int("-101", 2), int("  42 "))
print(int("1_000"), int("z", 36))
print((2 ** 64).bit_length(), (255).to_bytes(2, "big"), int.from_bytes(b"\x01\x00", "little"))
print(10 ** 30 // 7, 10 ** 30 % 7)
print(float(2 ** 60), int(1e20), int(-2.5e15))

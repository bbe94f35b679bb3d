# Bitwise operators on ints, including negatives.
print(12 & 10, 12 | 10, 12 ^ 10, ~12, ~-1)
print(1 << 10, 1024 >> 3, -16 >> 2, -1 >> 100)
print(2 ** 70 >> 60, (1 << 100) & ((1 << 100) - 1))
print(-12 & 0xFF, -12 | 3, -12 ^ 3)
flags = 0
flags |= 1 << 2
flags |= 1 << 0
print(bin(flags), flags & (1 << 2) != 0, flags & (1 << 1) != 0)
print(True & False, True | False, True ^ True)

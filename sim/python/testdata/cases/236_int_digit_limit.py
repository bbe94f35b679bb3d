# CPython limits int <-> decimal string conversion to 4300 digits.
big = 10 ** 4299
print(len(str(big)))
try:
    print(str(10 ** 4300))
except ValueError as e:
    print("ValueError:", e)
try:
    int("1" * 4301)
except ValueError as e:
    print("ValueError:", e)
print(hex(2 ** 20000)[:10], len(bin(2 ** 20000)))
print(f"{2 ** 14000:x}"[:8])

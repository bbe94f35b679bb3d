# The messages of arithmetic errors.
import math

tests = {
    "1 / 0": lambda: 1 / 0,
    "1 // 0": lambda: 1 // 0,
    "1 % 0": lambda: 1 % 0,
    "1.0 / 0": lambda: 1.0 / 0,
    "1.0 // 0.0": lambda: 1.0 // 0.0,
    "1.5 % 0": lambda: 1.5 % 0,
    "divmod(1, 0)": lambda: divmod(1, 0),
    "0 ** -1": lambda: 0 ** -1,
    "0.0 ** -1": lambda: 0.0 ** -1,
    "2.0 ** 5000": lambda: 2.0 ** 5000,
    "math.sqrt(-1)": lambda: math.sqrt(-1),
    "math.log(0)": lambda: math.log(0),
    "math.exp(1000)": lambda: math.exp(1000),
    "float(10 ** 400)": lambda: float(10 ** 400),
    "int(float('inf'))": lambda: int(float("inf")),
    "int(float('nan'))": lambda: int(float("nan")),
}
for text, fn in tests.items():
    try:
        fn()
    except Exception as e:
        print(f"{text:20} {type(e).__name__}: {e}")

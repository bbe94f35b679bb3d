# Summing floats: accumulated rounding, math.fsum, round.
import math

vals = [0.1] * 10
print(sum(vals), math.fsum(vals), sum(vals) == 1.0)
total = 0.0
for v in vals:
    total += v
print(total, round(total, 10))
print(sum([1e100, 1.0, -1e100]), math.fsum([1e100, 1.0, -1e100]))
print(0.1 * 3, 0.3, 1 - 0.9, 100 * 1.1)
print(math.isclose(0.1 + 0.2, 0.3), abs(0.1 + 0.2 - 0.3) < 1e-9)
mean = sum([2.5, 3.5, 4.0]) / 3
print(mean, f"{mean:.3f}")

# The math module.
import math

print(math.pi, math.e, math.tau, math.inf, -math.inf)
print(math.sqrt(2), math.sqrt(16), math.isqrt(17), math.hypot(3, 4))
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5), math.floor(3), type(math.floor(2.0)).__name__)
print(math.log(math.e), math.log(8, 2), math.log2(1024), math.log10(0.001), math.log1p(0))
print(math.exp(0), math.exp(1), math.pow(2, 0.5), math.fabs(-3))
print(math.factorial(20), math.gcd(12, 18), math.lcm(4, 6), math.comb(5, 2), math.perm(5, 2))
print(math.isnan(float("nan")), math.isinf(math.inf), math.isfinite(1e308), math.isclose(1.0, 1.0 + 1e-10))
print(math.prod([1, 2, 3, 4]), math.fsum([0.1] * 10), math.copysign(3, -0.0))
print(math.degrees(math.pi), math.radians(180), math.sin(0), math.cos(0))
print(math.fmod(-7, 3), -7 % 3, math.modf(3.75), math.frexp(8.0), math.ldexp(0.5, 4))

# math's transcendental functions print their last digit as the C library
# computes it; these values are where a less careful sin or log differs.
import math

xs = [0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 10.0, 100.0, 1e-8, 0.7853981633974483]
for x in xs:
    print(x, math.sin(x), math.cos(x), math.tan(x))
for x in xs:
    print(x, math.exp(x) if x < 100 else "big", math.log(x), math.log10(x), math.sqrt(x))
print(math.atan(1.0), math.atan2(1.0, -1.0), math.asin(0.5), math.acos(0.5))
print(math.sinh(1.0), math.cosh(1.0), math.tanh(0.5), math.expm1(1e-5), math.log1p(1e-5))
print(math.exp(-0.5), 4 * math.exp(-0.5) / math.sqrt(2.0), math.log(2.0), math.log(10.0))
print(2 ** 0.5, 10 ** 0.5, 3 ** 1.5, 2.0 ** -3.5, pow(7, 0.25))
print(math.erf(0.5), math.gamma(4.5), math.lgamma(10.0))

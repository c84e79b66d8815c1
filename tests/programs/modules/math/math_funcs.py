# modules/math: common functions and constants
import math
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan != math.nan)
print(math.sqrt(16), math.sqrt(2), math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.7), math.floor(3), type(math.floor(2.5)).__name__)
print(math.fabs(-3), math.factorial(20), math.gcd(48, 180), math.gcd(0, 0), math.lcm(4, 6), math.isqrt(99), math.isqrt(10 ** 20))
print(math.pow(2, 10), math.exp(1), math.log(math.e), math.log(8, 2), math.log10(1000), math.log2(1024), math.log1p(0))
print(math.sin(0), math.cos(0), round(math.sin(math.pi / 2), 12), round(math.tan(math.pi / 4), 12), math.atan2(1, 1), math.asin(1), math.acos(1))
print(math.hypot(3, 4), math.degrees(math.pi), math.radians(180), math.copysign(3, -0.0), math.fmod(-7, 3), -7 % 3)
print(math.isnan(float("nan")), math.isinf(1e308 * 10), math.isfinite(1.0), math.isclose(0.1 + 0.2, 0.3), math.isclose(1, 1.1))
print(math.comb(10, 3), math.perm(5, 2), math.prod([1, 2, 3, 4]), math.fsum([0.1] * 10), sum([0.1] * 10))
print(math.modf(3.75), math.frexp(8.0), math.ldexp(0.5, 4), math.dist((0, 0), (3, 4)))
print(math.floor(1e20), math.ceil(10 ** 20 / 3), math.factorial(30))
try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError", e)
try:
    math.log(0)
except ValueError as e:
    print("ValueError", e)
try:
    math.factorial(-1)
except ValueError as e:
    print("ValueError", e)
print(math.sinh(0), math.cosh(0), math.tanh(0), math.exp(0), math.expm1(0), math.erf(0))

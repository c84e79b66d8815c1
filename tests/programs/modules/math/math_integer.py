# modules/math: integer helpers (isqrt, gcd of many, comb/perm tables, factorial digits, prod with start)
import math
print([math.isqrt(n) for n in (0, 1, 3, 4, 15, 16, 17, 10 ** 30)])
print(math.gcd(12, 18, 30), math.gcd(), math.lcm(2, 3, 4), math.lcm())
for n in range(7):
    print(" ".join(str(math.comb(n, k)) for k in range(n + 1)))
print(math.perm(6), math.perm(6, 0), math.comb(100, 50))
print(len(str(math.factorial(100))), sum(map(int, str(math.factorial(100)))))
print(math.prod(range(1, 11)), math.prod([], start=5), math.prod([2.5, 4]))
print(math.floor(-7 / 2), math.ceil(-7 / 2), math.trunc(7 / 2), -7 // 2)
print(math.isclose(1e-10, 0, abs_tol=1e-9), math.copysign(1, -0.0), math.fabs(-0.0))

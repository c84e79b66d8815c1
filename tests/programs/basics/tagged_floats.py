# Floats on each side of the tagged range (2^-255 .. 2^256 in magnitude,
# plus 0.0) behave the same: arithmetic, comparison, hashing, formatting,
# containers, subclasses and conversions.
import math

edges = [0.0, -0.0, 1.0, -1.0, 0.1, 2.0 ** -255, 2.0 ** -256, 2.0 ** 255,
         2.0 ** 256, -(2.0 ** 256), 1e300, -1e-300, 5e-324, float("inf"),
         float("-inf"), 1.7976931348623157e308]
for x in edges:
    print(repr(x), str(x), x == x, x + 0.0, x * 2, x / 2, -x, abs(x),
          math.copysign(1.0, x), x > 0, bool(x), hash(x) == hash(x + 0.0))

# Results that leave and re-enter the range.
x = 2.0 ** 200
for _ in range(5):
    x = x * 2.0 ** 20
    print(repr(x), x / 2.0 ** 100)
y = 2.0 ** -200
for _ in range(5):
    y = y / 2.0 ** 20
    print(repr(y), y * 2.0 ** 100)

nan = float("nan")
print(nan == nan, nan != nan, math.isnan(nan * 0.5), [nan][0] is nan)
print(0.0 == -0.0, hash(0.0) == hash(-0.0), str(-0.0), 1 / float("inf"))
print(-0.0 + 0.0, 0.0 * -1, math.copysign(1.0, 0.0 * -1))

# Keys: a float and an equal int are one key; -0.0 and 0.0 too.
d = {1.0: "one", 0.0: "zero", 2.0 ** 300: "big"}
print(d[1], d[-0.0], d[2 ** 300], 1 in {1.0}, 2.0 ** -300 in {2.0 ** -300})
s = {0.5, 0.25, 0.5, 1e-300, 1e-300}
print(sorted(s), len(s))

class F(float):
    def __repr__(self):
        return "F(" + float.__repr__(self) + ")"

f = F(1.5)
print(f, type(f).__name__, type(f + 1).__name__, isinstance(f, float), f == 1.5,
      float(f), type(float(f)).__name__, F(0.0), F(-0.0), F(1e300))

print(int(2.0 ** 70), int(-1.5e-5), round(2.675, 2), round(1e300), (1.25).as_integer_ratio())
print("%.3e|%g|%r|%s" % (2.0 ** -255, 1e-300, 0.1, 1.5), f"{1e10:,.2f}", format(-0.0, "+.1f"))
print(sum([0.1] * 10), math.fsum([0.1] * 10), max([1e300, 1.0, -1e300]), min(0.0, -0.0))
print(divmod(-7.5, 2), -7.5 // 2, -7.5 % 2, 2.0 ** 0.5, (-8.0) ** (1 / 3) == (-8.0) ** (1 / 3))
print(sorted([3.0, 1e-300, -0.0, 2 ** 0.5, 1, -1e300, 2.0 ** 256]))
print(float("1e-310"), float("-0"), float(" 2.5 "), 10 ** -5, 1e22, 1e23)
print([type(v).__name__ for v in (0.0, -0.0, 1e300, 1.5)])

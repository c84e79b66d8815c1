# float.hex, float.fromhex and the rounding dunders, with CPython's forms,
# edge values and errors.
import math

for x in (0.0, -0.0, 1.0, 1.5, -2.75, 0.1, 1e300, 5e-324, 2.0 ** -1022, 1.7976931348623157e308,
          float("inf"), float("-inf"), float("nan"), 3.0e-200, 12345.678):
    h = x.hex()
    back = float.fromhex(h)
    print(h, back == x or (x != x and back != back), math.copysign(1, back) == math.copysign(1, x))

for text in ("0x1.8p+0", "0X1P-1074", "  -0x.8p1  ", "0x1p1024", "inf", "-Infinity", "nan",
             "0x1.fffffffffffff8p1023", "0x1.00000000000008p0", "1", "0x10", "0x1p-1075",
             "0x1.ffp", "0x", "1e5", "0x1.8p+0x"):
    try:
        print(repr(text), float.fromhex(text))
    except (ValueError, OverflowError) as e:
        print(repr(text), type(e).__name__, e)

try:
    float.fromhex(1)
except TypeError as e:
    print("TypeError", e)


class F(float):
    pass


f = F.fromhex("0x1.8p+1")
print(type(f).__name__, f)

for x in (2.5, 3.5, -2.5, 2.675, -0.4, 1e16 + 1, 7.0):
    print(x, x.__round__(), x.__round__(1), x.__round__(-1), round(x, 2),
          x.__trunc__(), x.__floor__(), x.__ceil__(), type(x.__round__()).__name__,
          math.trunc(x), math.floor(x), math.ceil(x))

for bad in (float("inf"), float("-inf"), float("nan")):
    for name in ("__round__", "__trunc__", "__floor__", "__ceil__"):
        try:
            print(getattr(bad, name)())
        except (ValueError, OverflowError) as e:
            print(name, type(e).__name__, e)
    print(bad.__round__(2))

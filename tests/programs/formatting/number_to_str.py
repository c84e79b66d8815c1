# formatting: str()/repr() of numbers in containers and conversions
print(str(10), repr(10), str(-0), str(10 ** 25), repr(-3.0), str(2e-9))
print([1, 2.0, -3.5, 1e100], (1,), (), [[]], {1: 2.0})
print(str(1.0e15), str(1.0e16), str(123e-20), str(0.1 * 3))
print(int("0"), float("1e5"), float("-0"), float(".5"), float("5."), float("Infinity"), float("-iNF"))
print(hex(0), oct(0), bin(1), hex(-1))
print(round(1234.5678, 2), round(1234.5678, -2), round(-1.5), round(0.5), round(1.5))
print(f"{10:#b} {10:#o} {10:#x}".upper())

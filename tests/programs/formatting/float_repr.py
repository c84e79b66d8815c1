# formatting: float repr/str corner cases (shortest round-trip repr)
vals = [0.1 + 0.2, 1e16, 1e15, 1e-5, 1e-4, 0.0001, 123456789012345678.0, 1.0, -0.0, 0.1,
        1 / 3, 2 / 3, 100.0, 1e22, 1e23, 5e-324, 1.7976931348623157e308, 2.5e-7, 3.14, 1e100,
        12345678.9, 0.000123, 1234567890123456.0, 12345678901234567.0, 9.999999999999999e22]
for v in vals:
    print(repr(v), str(v))
print(float("inf"), float("-inf"), float("nan"), -float("nan"))
print([0.5, 1e-10, 1e10], (2.0,), {1.5: 2.5})
print(1e16 == 10 ** 16, float(10 ** 16), 1.0e+16)
print(round(0.1 + 0.2, 15), round(1e16, 2), 1e300 * 1e300)
for e in range(-6, 18, 3):
    print(e, 10.0 ** e, 1.5 * 10.0 ** e)

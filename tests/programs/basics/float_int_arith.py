# Float arithmetic with float and int operands, including the eval loop's fast
# paths (+ - * / ** on exact floats and small ints) and their edge cases:
# overflow, division by zero, negative bases to fractional powers (complex).
vals = [2.0, 0.5, 1e308, 1e-308, 3, -2, 0, 7.5, 1e16, 2**53 + 1, -(2**62)]
for x in vals:
    for y in [0.5, 2.0, -1.5, 3, 0, 1e3, -1e3]:
        for op in ("+", "-", "*", "/", "**"):
            try:
                r = eval("x %s y" % op) if False else {"+": lambda: x + y, "-": lambda: x - y, "*": lambda: x * y, "/": lambda: x / y, "**": lambda: x ** y}[op]()
                print(repr(x), op, repr(y), "=", repr(r))
            except Exception as e:
                print(repr(x), op, repr(y), "!", type(e).__name__, e)
z = 1.5
z **= 2
z += 1
z -= 0.25
z *= 2
z /= 4
print(z, 2 ** 0.5, (-8.0) ** (1 / 3), 0.0 ** 0.5, 10.0 ** 400 if False else 1)

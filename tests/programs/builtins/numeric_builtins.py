# builtins: round banker's rounding, divmod, pow 3-arg, abs on various, bin/oct/hex formatting
for x in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, 2.675, 0.125]:
    print(x, round(x), round(x, 1), round(x, 2))
print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), type(round(2.5)).__name__)
print(divmod(100, 7), divmod(-100, 7), divmod(100, -7), divmod(2 ** 70, 12345))
print(pow(3, 200, 1000), pow(-2, 3), pow(2, -2), pow(7, -1, 40))
print(abs(-0.0), abs(-10 ** 30), bin(255), oct(255), hex(255), hex(-(2 ** 40)))

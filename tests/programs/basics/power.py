# basics: pow operator and builtin with ints, floats, negative exponents, modulus
print(2 ** 10, 2 ** 0, 0 ** 0, (-3) ** 3, (-3) ** 4)
print(2 ** -1, 2 ** -2, 10 ** -3)
print(2.0 ** 3, 4 ** 0.5, 8 ** (1 / 3) > 1.99)
print(pow(3, 4), pow(3, 4, 5), pow(-3, 3, 7), pow(2, -1, 7), pow(5, -2, 13))
print(pow(2.5, 2), pow(10, 2), pow(10, -2))
print((-8) ** 2, -8 ** 2)
print(1 ** 1000000, (-1) ** 1000001)
print(0.0 ** 0, 1.5 ** 2)
x = 3
x **= 4
print(x)
print(type(2 ** 3).__name__, type(2 ** -3).__name__, type(2.0 ** 3).__name__)
try:
    pow(2, 3.0, 5)
except TypeError as e:
    print("TypeError", e)
try:
    0 ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)

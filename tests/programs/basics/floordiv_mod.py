# basics: floor division and modulo with negative operands (ints and floats)
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (6, 3), (-6, 3), (1, 5), (-1, 5)]
for a, b in pairs:
    print(a, b, a // b, a % b, divmod(a, b))
fpairs = [(7.5, 2.0), (-7.5, 2.0), (7.5, -2.0), (-7.5, -2.0), (1.0, 0.3)]
for a, b in fpairs:
    print(a, b, a // b, round(a % b, 10))
print(-1 % 10, -11 % 10, 11 % -10, -3 // 4)
print(divmod(-2 ** 70, 3))
try:
    print(1 // 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    print(1 % 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    print(1.0 // 0.0)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    print(1 / 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
print(7 / 2, -7 / 2, 6 / 3, 1 / 3)
print(10 ** 20 / 10 ** 10)

# basics: comparisons and chained comparisons
x = 5
print(1 < x < 10, 1 < x > 10, 0 <= x <= 5 < 6, x == 5 == 5.0)
print(1 < 2 < 3 < 4 < 5, 1 < 2 > 1 < 2, 3 > 2 > 1 > 0 > -1)
calls = []
def v(n):
    calls.append(n)
    return n
print(v(1) < v(0) < v(2), calls)
calls.clear()
print(v(1) < v(2) < v(3), calls)
print("abc" < "abd", "abc" < "ab", "Z" < "a", "" < "a")
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], (1, "a") < (1, "b"), (2,) > (1, 9, 9))
print(1 == 1.0, 1 != 1.0, 2 ** 60 == float(2 ** 60), 0.1 == 1 / 10)
print(None == None, None is None, None != 0, [] == [], [] is [])
a = [1]
b = a
print(a is b, a is not b, a == [1], a is not [1])
print("x" in "xyz", "w" not in "xyz", 3 in [1, 2, 3], 4 not in (1, 2))
print(1 < 2 == 2, (1 < 2) == 2)
try:
    print(1 < "a")
except TypeError as e:
    print("TypeError", e)
try:
    print([1] < (1,))
except TypeError as e:
    print("TypeError", e)
print(max(3, 7, 2), min("pear", "apple", "fig"))

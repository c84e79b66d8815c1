# unpacking: unpacking from generators, dict items, strings, ranges and errors on mismatch
def gen():
    yield "a"
    yield "b"
x, y = gen()
print(x, y)
(k, v), = {"only": 1}.items()
print(k, v)
a, b, c = range(3)
print(a + b + c)
try:
    x, y = gen(), 1, 2
except ValueError as e:
    print("ValueError", e)
try:
    a, b = 5
except TypeError as e:
    print("TypeError", e)
try:
    a, b, c, d = "abc"
except ValueError as e:
    print("ValueError", e)
try:
    (a, b), c = [1, 2], 3, 4
except ValueError as e:
    print("ValueError", e)
matrix = [[1, 2], [3, 4]]
[[p, q], [r, s]] = matrix
print(p, q, r, s)

# unpacking: starred assignment targets in various positions
a, *b = [1, 2, 3, 4]
print(a, b)
*a, b = [1, 2, 3, 4]
print(a, b)
a, *b, c = range(5)
print(a, b, c)
a, *b, c = [1, 2]
print(a, b, c)
first, *_, last = "hello world"
print(first, last)
*init, = (1, 2)
print(init)
(a, b), *rest = [(1, 2), 3, 4]
print(a, b, rest)
for x, *ys in [(1, 2, 3), (4,), (5, 6)]:
    print(x, ys)
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError", e)
head, *tail = iter(range(4))
print(head, tail, type(tail).__name__)
a, b, c = "xyz"
print(a, b, c)
k1, k2 = {"p": 1, "q": 2}
print(k1, k2)

# unpacking: swaps, rotations and simultaneous assignment semantics (right side evaluated first)
a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
x, y = 0, 1
for _ in range(10):
    x, y = y, x + y
print(x, y)
lst = [10, 20, 30, 40]
lst[0], lst[-1] = lst[-1], lst[0]
print(lst)
i, j = 1, 2
lst[i], lst[j] = lst[j], lst[i]
print(lst)
def gcd(m, n):
    while n:
        m, n = n, m % n
    return m
print(gcd(1071, 462))
p = q = 5
p, q = q + 1, p + 2
print(p, q)

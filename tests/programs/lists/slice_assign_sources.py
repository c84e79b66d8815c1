# Slice assignment takes its items from a temporary list without copying
# them; any other source (a named list, the target itself, a tuple, a
# generator, a list subclass) must be left as it was.

perm = list(range(8))
for k in (3, 5, 7, 1):
    perm[:k + 1] = perm[k::-1]
    print(perm)

src = [10, 11, 12]
a = [0, 1, 2, 3]
a[1:3] = src
print(a, src)
a[:] = a
print(a)
a[1::2] = a[::2][:2]
print(a)
b = list(range(6))
b[1:4] = (7, 8)
print(b)
b[2:2] = (x * x for x in range(3))
print(b)


class L(list):
    pass


s = L([5, 6])
b[:2] = s
print(b, s, type(s).__name__)
keep = [1, 2]
alias = keep
b[-1:] = alias
print(b, keep, alias is keep)
c = [0] * 4
c[::2] = [c.append, c.pop][::-1]
print(len(c))
try:
    c[::2] = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
print([[1, 2], [3]][0][:])

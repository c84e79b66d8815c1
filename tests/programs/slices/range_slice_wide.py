# slices of ranges whose computed bounds pass 2**63 (the items themselves fit)
r = range(0, 2**63 - 1, 2**62)
print(len(r), list(r[0:2]), r[1], r[-1])
s = r[0:2]
print(len(s), list(s), s[-1])
w = range(-2**63, 2**63 - 1, 2**61)
for sl in [slice(1, None), slice(None, None, 2), slice(None, None, 3), slice(6, 1, -2), slice(0, 0), slice(7, 0, -1)]:
    t = w[sl]
    print(len(t), list(t) == list(w)[sl], t[0] if t else None, t[-1] if t else None)
print(w[len(w) - 1], w[-1], w[0], w[3])
print(range(10)[2:8:3], list(range(10)[::-4]))

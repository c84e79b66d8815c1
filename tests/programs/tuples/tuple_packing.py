# tuples: packing, unpacking, swapping, returning multiple values
def minmax(seq):
    return min(seq), max(seq)
lo, hi = minmax([4, 9, 1, 7])
print(lo, hi, minmax("hello"))
a, b = 1, 2
a, b = b, a
print(a, b)
x, (y, z) = 1, (2, 3)
print(x, y, z)
for i, (k, v) in enumerate([("a", 1), ("b", 2)]):
    print(i, k, v)
point = (3, 4)
px, py = point
print((px ** 2 + py ** 2) ** 0.5)
try:
    p, q = (1, 2, 3)
except ValueError as e:
    print("ValueError", e)
try:
    p, q, r = (1, 2)
except ValueError as e:
    print("ValueError", e)
records = [("x", 1, 2.0), ("y", 3, 4.0)]
for name, i, f in records:
    print(f"{name}:{i}:{f}")
print(tuple(sorted({3: 0, 1: 0, 2: 0})))

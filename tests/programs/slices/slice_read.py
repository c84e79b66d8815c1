# slices: reading slices with steps, negatives, out of range, slice objects
a = list(range(10))
print(a[2:8:2], a[::-1], a[-1:-5:-1], a[8:2:-2], a[::3], a[-3:], a[:-7], a[100:], a[-100:2])
print(a[5:2], a[::-3], a[1:-1:4])
s = slice(1, 8, 3)
print(s, s.start, s.stop, s.step, a[s], slice(5), slice(None, 3))
print(s.indices(5), slice(None, None, -1).indices(4), slice(-3, None).indices(10))
t = tuple(a)
print(t[2:5], t[::-2], "abcdefg"[1:6:2])
try:
    a[::0]
except ValueError as e:
    print("ValueError", e)

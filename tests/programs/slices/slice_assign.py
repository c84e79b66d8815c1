# slices: slice assignment (grow/shrink), extended slice assignment, deletion
a = list(range(10))
a[2:5] = ["x"]; print(a)
a[1:1] = [100, 200]; print(a)
a[:] = a[::-1]; print(a)
a[-2:] = []; print(a)
a[::2] = [0] * len(a[::2]); print(a)
try:
    a[::2] = [1, 2]
except ValueError as e:
    print("ValueError", e)
b = list(range(10))
del b[::3]; print(b)
del b[1:3]; print(b)
del b[:]; print(b)
c = [1, 2, 3]
c[len(c):] = [4, 5]; print(c)
c[:0] = "ab"; print(c)
c[1:4] = range(2); print(c)
d = list(range(8))
d[5:1:-1] = "WXYZ"; print(d)
e = [1, 2, 3]
e[0:2] = e; print(e)

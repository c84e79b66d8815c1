# containers: shallow copies via slicing, list(), dict(), and aliasing effects
a = [[1, 2], [3]]
b = a[:]
c = list(a)
b.append([4])
b[0].append(99)
print(a, b, c)
d = {"k": [1]}
e = dict(d)
e["k"].append(2)
e["j"] = 0
print(d, e)
t = ([],)
t[0].append(t)
print(len(t[0]), t[0][0] is t)
m = [0] * 3
n = [m] * 2
m[0] = 5
print(n)

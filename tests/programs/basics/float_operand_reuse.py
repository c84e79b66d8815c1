# Float arithmetic may write its result into an operand that nothing else
# refers to; an operand that a name, a container or another expression still
# holds must keep its value.

a = 1.5
b = a * 2.0
print(a, b)
x = y = 1.0
x += 2.0
print(x, y)
t = [0.25, 0.5]
s = t[0] + t[1]
print(t, s)
u = (1.0 + 2.0) * (3.0 + 4.0) - 0.5
print(u)
v = 2.0
w = v ** 2 + v * 3 - v / 4
print(v, w)
keep = []
z = 0.0
for i in range(5):
    z = z * 1.5 + 1.0
    keep.append(z)
print(keep, z)
m = 3.0
n = (m + 1.0) * 2
print(m, n, 1 + (m * 2.0), (m * 2.0) + 1)
d = {"k": 4.0}
e = d["k"] - 1.0
print(d, e)
q = 10.0
r = -(q * 2.0)
print(q, r)


class F(float):
    pass


g = F(2.0)
h = g * 2.0
print(type(h).__name__, h, g)
ids = set()
for i in range(100):
    p = (i * 0.5 + 1.0) * 2.0
    ids.add(p)
print(len(ids), sorted(ids)[:3])

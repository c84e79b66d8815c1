# comprehensions: loop variable scoping (does not leak), closures over comprehension vars, class scope
x = "outer"
vals = [x for x in range(3)]
print(x, vals)
y = 10
print([y + i for i in range(3)])
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
fs2 = [(lambda i=i: i) for i in range(3)]
print([f() for f in fs2])
def f():
    n = 5
    return [n * k for k in range(3)]
print(f())
print([[i for i in range(j)] for j in range(4)])
i = "unchanged"
g = (i for i in range(3))
print(list(g), i)
s = {i for i in range(3)}
d = {i: i for i in range(3)}
print(i)
class K:
    data = [1, 2, 3]
    doubled = [v * 2 for v in data]
print(K.doubled)
print([(lambda: k)() for k in range(3)])

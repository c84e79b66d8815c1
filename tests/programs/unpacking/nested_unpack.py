# unpacking: nested targets, unpacking in for loops, swap idioms, attribute/subscript targets
(a, (b, c), [d, e]) = (1, (2, 3), [4, 5])
print(a, b, c, d, e)
pts = [((0, 0), "origin"), ((1, 2), "p1")]
for (x, y), name in pts:
    print(name, x + y)
lst = [1, 2, 3]
lst[0], lst[2] = lst[2], lst[0]
print(lst)
class O:
    pass
o = O()
o.x, o.y = 10, 20
print(o.x, o.y)
d = {}
d["a"], d["b"] = "AB"
print(d)
a = b = c = [0]
a.append(1)
print(b, c)
x, y = y, x = 1, 2
print(x, y)
i = 0
items = [0, 0]
i, items[i] = 1, 99
print(i, items)
for i, (k, v) in enumerate({"one": 1, "two": 2}.items()):
    print(i, k, v)

# Attribute reads and writes on __slots__ instances: set and unset slots, names
# built at run time, inherited slots, methods, and class attributes added later.
class P:
    __slots__ = ("x", "y", "z")

    def __init__(self, x):
        self.x = x
        self.y = x * 2

    def total(self):
        return self.x + self.y


p = P(3)
print(p.x, p.y, p.total())
try:
    print(p.z)
except AttributeError as e:
    print("AttributeError", e)
name = "".join(["z"])
setattr(p, name, 10)
print(getattr(p, name), getattr(p, "".join(["x"])))
p.z += 1
print(p.z)
del p.z
print(hasattr(p, "z"))
try:
    p.w = 1
except AttributeError as e:
    print("AttributeError", e)


class Q(P):
    __slots__ = ("w",)

    def total(self):
        return super().total() + self.w


q = Q(1)
q.w = 100
print(q.x, q.w, q.total())
q.x = 5
print(q.total())

P.total2 = lambda self: self.x * 1000
print(p.total2(), q.total2())
for i in range(3):
    p.x = i
    q.w = i
    print(p.x, q.w, p.total(), q.total())

# Class calls through the per-type constructor cache: every change to how a
# class constructs (its __init__, its __new__, a base's, the metaclass) must
# be seen by the next call, and errors must match the general path.
# (Metaclasses are not supported yet.)


class Plain:
    pass


p = Plain()
print(type(p).__name__, vars(p))
try:
    Plain(1)
except TypeError as e:
    print("TypeError:", e)


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


for i in range(3):
    pt = Point(i, i * 2)
    print(pt.x, pt.y, sorted(vars(pt)))

try:
    Point(1)
except TypeError as e:
    print("TypeError:", e)


def init3(self, x, y, z=7):
    self.x, self.y, self.z = x, y, z


Point.__init__ = init3
pt = Point(1, 2)
print(pt.x, pt.y, pt.z)
del Point.__init__
pt = Point()
print(vars(pt))
try:
    Point(1, 2)
except TypeError as e:
    print("TypeError:", e)


class Base:
    pass


class Child(Base):
    pass


print(vars(Child()))


def base_init(self, tag="base"):
    self.tag = tag


Base.__init__ = base_init
print(Child().tag, Child("given").tag)


def new(cls, *args):
    o = object.__new__(cls)
    o.made_by = "new"
    return o


Base.__new__ = new
c = Child("again")
print(c.made_by, c.tag)


class Odd:
    def __new__(cls):
        return 42


print(Odd())


class Gen:
    def __init__(self):
        yield 1


try:
    Gen()
except TypeError as e:
    print("TypeError:", e)


class ReturnsValue:
    def __init__(self):
        return 3


try:
    ReturnsValue()
except TypeError as e:
    print("TypeError:", e)


class Many:
    def __init__(self, *args, **kw):
        self.args = args
        self.kw = kw


m = Many(1, 2, k=3)
print(m.args, m.kw)
m = Many()
print(m.args, m.kw)

# A fresh instance's first attribute goes into a new __dict__.
class Fresh:
    def __init__(self):
        self.a = 1
        self.b = 2
        self.a = 3


for _ in range(3):
    f = Fresh()
    print(f.__dict__, f.a, f.b)
f.__dict__ = {"z": 26}
f.q = 1
print(f.__dict__)

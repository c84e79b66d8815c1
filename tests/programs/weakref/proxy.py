# weakref.proxy: attribute, call and operator forwarding; ReferenceError after death
import weakref


class Vec:
    def __init__(self, x):
        self.x = x

    def __add__(self, other):
        return Vec(self.x + (other.x if isinstance(other, Vec) else other))

    def __len__(self):
        return self.x

    def __getitem__(self, i):
        return i * self.x

    def __iter__(self):
        return iter(range(self.x))

    def __eq__(self, other):
        return isinstance(other, Vec) and self.x == other.x

    __hash__ = object.__hash__

    def __str__(self):
        return "Vec(%d)" % self.x

    def double(self):
        return self.x * 2


v = Vec(3)
p = weakref.proxy(v)
print(p.x, p.double(), len(p), p[2], list(p), str(p), (p + 1).x, p == Vec(3))
p.x = 4
print(v.x, p.x, bool(p))
p.y = "new"
print(v.y)
del p.y
print(hasattr(v, "y"))
print(type(p) is weakref.ProxyType, isinstance(p, weakref.ProxyTypes))
print(weakref.proxy(v) is p, weakref.getweakrefcount(v))
try:
    hash(p)
except TypeError as e:
    print("TypeError")


def f(a, b=2):
    return a + b


pf = weakref.proxy(f)
print(pf(1), pf(1, b=5), type(pf) is weakref.CallableProxyType)

got = []
v2 = Vec(7)
p2 = weakref.proxy(v2, lambda pr: got.append(pr is p2))
del v2
print(got)
del v
try:
    p.x
except ReferenceError as e:
    print("ReferenceError:", e)
try:
    p + 1
except ReferenceError as e:
    print("ReferenceError:", e)
try:
    str(p)
except ReferenceError as e:
    print("ReferenceError:", e)
try:
    weakref.proxy(5)
except TypeError as e:
    print("TypeError:", e)

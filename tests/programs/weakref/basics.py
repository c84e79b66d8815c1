# weakref.ref: dereference, reuse of the basic reference, counts, lists, __callback__, repr
import weakref


class C:
    def __init__(self, n):
        self.n = n


o = C(1)
r = weakref.ref(o)
print(r() is o, type(r) is weakref.ref, type(r) is weakref.ReferenceType)
print(weakref.ref(o) is r, weakref.ref(o, None) is r)
print(weakref.getweakrefcount(o), weakref.getweakrefs(o) == [r])
print(r.__callback__)


def cb(w):
    pass


r2 = weakref.ref(o, cb)
r3 = weakref.ref(o, cb)
print(r2 is not r3, r2.__callback__ is cb, weakref.getweakrefcount(o))
refs = weakref.getweakrefs(o)
print(refs[0] is r, refs[1] is r3, refs[2] is r2)
print(repr(r).startswith("<weakref at 0x"), "; to 'C' at 0x" in repr(r))
print(repr(r).endswith(">"), "(" not in repr(r))


def named():
    pass


print(repr(weakref.ref(named)).endswith(" (named)>"))
print("; to 'function' at" in repr(weakref.ref(named)))
del o
print(r(), r2(), r3())
print(r.__callback__, r2.__callback__)
print(repr(r).endswith("; dead>"), repr(r).startswith("<weakref at 0x"))
print(weakref.getweakrefcount(C(2)), weakref.getweakrefs(C(3)))
print(weakref.getweakrefcount(5), weakref.getweakrefs("x"))

# a new basic reference once the first is gone
o = C(4)
a = weakref.ref(o)
a_id = id(a)
del a
b = weakref.ref(o)
print(b() is o, weakref.getweakrefcount(o))

# calling with arguments
try:
    b(1)
except TypeError as e:
    print("TypeError")
try:
    weakref.ref()
except TypeError as e:
    print("TypeError")
try:
    weakref.ref(o, None, 1)
except TypeError as e:
    print("TypeError")

# many referents, many references
objs = [C(i) for i in range(100)]
rs = [weakref.ref(x) for x in objs]
print(all(r() is x for r, x in zip(rs, objs)))
del objs
print(sum(1 for r in rs if r() is None))

# referents of several weakrefable kinds
def f():
    pass


class K:
    def m(self):
        pass


k = K()
bm = k.m
g = (i for i in range(3))
s = set()
fs = frozenset([1, 2])
for obj in [f, bm, K, s, fs, g, len, int, weakref]:
    print(type(obj).__name__, weakref.ref(obj)() is obj)

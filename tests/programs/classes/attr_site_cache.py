# Attribute-access sites cache what they learn about a class (LOAD_ATTR,
# STORE_ATTR, LOAD_METHOD on instances). Every way the answer can change
# after the cache is filled must show at once.


class P:
    def __init__(self, x):
        self.x = x

    def m(self):
        return "P.m"


def read(o):
    return o.x


def write(o, v):
    o.x = v


def call(o):
    return o.m()


a = P(1)
for _ in range(3):
    print(read(a), call(a))

# A property added to the class now takes precedence over the instance dict.
P.x = property(lambda self: "property")
print(read(a))
del P.x
print(read(a))

# A data descriptor class whose instance is put on the class.
class Desc:
    def __get__(self, obj, owner):
        return "desc-get"

    def __set__(self, obj, value):
        print("desc-set", value)


for _ in range(3):
    write(a, 5)
print(read(a), a.__dict__["x"])
P.x = Desc()
write(a, 6)
print(read(a), a.__dict__["x"])
del P.x
write(a, 7)
print(read(a))

# The instance dict shadows a method once it holds the name.
a.m = lambda: "instance attribute"
print(call(a))
del a.m
print(call(a))

# Replacing the method on the class.
P.m = lambda self: "new P.m"
print(call(a))

# Subclasses: a change to the base shows through the subclass.
class Q(P):
    pass


q = Q(10)
for _ in range(3):
    print(read(q), call(q))
P.m = lambda self: "P.m again"
print(call(q))
Q.m = lambda self: "Q.m"
print(call(q), call(a))

# Many types at one site, and attributes in different dict positions.
class R:
    def __init__(self):
        self.a = 1
        self.b = 2
        self.x = "R.x"

    def m(self):
        return "R.m"


objs = [P(1), R(), Q(3), R(), P(5)]
for _ in range(2):
    print([read(o) for o in objs], [call(o) for o in objs])

# Deleting an instance attribute, then the AttributeError.
r = R()
print(read(r))
del r.x
try:
    read(r)
except AttributeError as e:
    print("AttributeError:", e)
write(r, "back")
print(read(r), list(r.__dict__))

# A __getattribute__ added later.
def ga(self, name):
    return "ga:" + name


R.__getattribute__ = ga
print(read(r), call.__name__)
del R.__getattribute__
print(read(r))

# A __setattr__ added later.
def sa(self, name, value):
    object.__setattr__(self, name, ("sa", value))


R.__setattr__ = sa
write(r, 9)
print(read(r))
del R.__setattr__
write(r, 10)
print(read(r))

# Classes that die and are replaced by new ones (possibly at the same address).
def make(n):
    class T:
        def __init__(self):
            self.__dict__["x"] = n

        def m(self):
            return "T%d.m" % n

    if n % 2:
        T.x = property(lambda self: "prop%d" % n)
    return T()


print([read(make(i)) for i in range(6)])
print([call(make(i)) for i in range(6)])

# __dict__ replaced wholesale.
s = P(1)
print(read(s))
s.__dict__ = {"x": "new dict"}
print(read(s))
write(s, "written")
print(s.__dict__)
try:
    s.__dict__ = 5
except TypeError as e:
    print("TypeError:", e)
print(read(s), s.__dict__)

# Many instances of one class whose dicts hold the name at other positions.
class V:
    pass


vs = []
for i in range(4):
    v = V()
    for j in range(i):
        setattr(v, "f%d" % j, j)
    v.x = i
    vs.append(v)
for _ in range(2):
    for v in vs:
        write(v, read(v) + 10)
print([read(v) for v in vs])

# More types at one site than it has entries, then a change to one of them
# and to their common base.
class W0:
    def __init__(self, k):
        self.x = k

    def m(self):
        return "W0.m"


kinds = [type("W%d" % i, (W0,), {}) for i in range(1, 7)]
ws = [k(i) for i, k in enumerate(kinds)]
for _ in range(3):
    print([read(w) for w in ws], [call(w) for w in ws])
    for w in ws:
        write(w, read(w) + 1)
kinds[2].x = property(lambda self: "W3 property")
print([read(w) for w in ws])
W0.x = property(lambda self: "base property", lambda self, v: None)
write(ws[0], 100)
print([read(w) for w in ws], [w.__dict__["x"] for w in ws])
del W0.x
del kinds[2].x
print([read(w) for w in ws])

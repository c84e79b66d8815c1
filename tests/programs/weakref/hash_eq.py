# weakref hash (the referent's, cached) and equality (referents while both live, else identity)
import weakref


class P:
    def __init__(self, x):
        self.x = x

    def __eq__(self, other):
        return isinstance(other, P) and self.x == other.x

    def __hash__(self):
        return hash(self.x)


a, b, c = P(1), P(1), P(2)
ra, rb, rc = weakref.ref(a), weakref.ref(b), weakref.ref(c)
print(ra == rb, ra != rb, ra == rc, ra != rc)
print(hash(ra) == hash(1), hash(ra) == hash(rb))
print(ra == a, ra != a, ra == 1)
d = {ra: "a"}
print(d[rb], rb in d, rc in d)
hb = hash(rb)
del b
print(ra == rb, rb == rb, rb != rb, hash(rb) == hb)
del c
try:
    hash(rc)
except TypeError as e:
    print("TypeError:", e)
print(rc == rc, rc != ra)


class Unhashable:
    __hash__ = None


u = Unhashable()
ru = weakref.ref(u)
try:
    hash(ru)
except TypeError as e:
    print("TypeError:", e)


class Count:
    calls = 0

    def __hash__(self):
        Count.calls += 1
        return 42


k = Count()
rk = weakref.ref(k)
print(hash(rk), hash(rk), Count.calls)

# equality of weak references with callbacks, and of dead ones
x = P(5)
r1 = weakref.ref(x, lambda w: None)
r2 = weakref.ref(x)
print(r1 == r2, r1 is r2)
s = {r1, r2}
print(len(s))
del x
print(r1 == r2, r1 == r1)
print(len({r1, r2}))
y = P(6)
ry = weakref.ref(y)
del y
try:
    hash(ry)
except TypeError as e:
    print("TypeError:", e)

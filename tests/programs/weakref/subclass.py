# subclasses of weakref.ref: extra attributes, own __new__/__init__, callbacks receive the subclass instance
import weakref


class C:
    pass


class KeyedRef(weakref.ref):
    def __new__(cls, ob, callback, key):
        self = weakref.ref.__new__(cls, ob, callback)
        self.key = key
        return self

    def __init__(self, ob, callback, key):
        super().__init__(ob, callback)


got = []
o = C()
k = KeyedRef(o, lambda w: got.append((type(w).__name__, w.key)), "the key")
print(type(k).__name__, k.key, k() is o, isinstance(k, weakref.ref))
print(issubclass(KeyedRef, weakref.ReferenceType))
plain = weakref.ref(o)
print(plain is not k, weakref.getweakrefcount(o))


class Named(weakref.ref):
    def __init__(self, ob, callback=None):
        super().__init__(ob, callback)
        self.label = "named"

    def describe(self):
        return "%s:%s" % (self.label, self() is not None)


n1 = Named(o)
n2 = Named(o)
print(n1 is not n2, n1.describe(), n1 == n2, n1 == plain)
print(weakref.getweakrefcount(o))
refs = weakref.getweakrefs(o)
print([type(r).__name__ for r in refs])
del o
print(got, n1.describe(), k())


class Counting(weakref.ref):
    made = 0

    def __call__(self):
        Counting.made += 1
        return super().__call__()


x = C()
c = Counting(x)
print(c() is x, c() is x, Counting.made)
del x
print(c(), Counting.made)

# a subclass without __slots__ is itself weakly referenceable
y = C()
n = Named(y)
wn = weakref.ref(n)
print(wn() is n)

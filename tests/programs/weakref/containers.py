# WeakValueDictionary, WeakKeyDictionary and WeakSet: entries vanish when their referent dies
import gc
import weakref


class Obj:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "Obj(%s)" % self.name


print("-- WeakValueDictionary")
d = weakref.WeakValueDictionary()
a, b, c = Obj("a"), Obj("b"), Obj("c")
d["a"] = a
d["b"] = b
d[3] = c
print(len(d), sorted(map(str, d.keys())), d["a"], d.get("b"), d.get("zz", "default"))
print("a" in d, "zz" in d)
del a
print(len(d), "a" in d, d.get("a"))
try:
    d["a"]
except KeyError as e:
    print("KeyError", e)
print(sorted((str(k), v.name) for k, v in d.items()))
print(sorted(v.name for v in d.values()))
print(len(d.valuerefs()), all(isinstance(r, weakref.KeyedRef) for r in d.valuerefs()))
print(sorted(str(r.key) for r in d.valuerefs()))
print(d.pop("b").name, len(d))
print(d.pop("nothing", "dflt"))
print(d.setdefault("n", c).name, d.setdefault("n", Obj("other")).name)
cp = d.copy()
print(type(cp).__name__, sorted(map(str, cp.keys())))
del c
gc.collect()
print(len(d), len(cp), list(d.items()))
keep = [Obj(i) for i in range(5)]
d.update({i: o for i, o in enumerate(keep)})
d.update(x=keep[0])
print(len(d))
del keep[1:3]
print(len(d), sorted(map(str, d)))
# a value dying during iteration
it = iter(list(d.items()))
for k, v in d.items():
    pass
keep.clear()
print(len(d), list(d.keys()))
e = weakref.WeakValueDictionary({1: Obj("one")})
print(len(e))
z = Obj("z")
e2 = weakref.WeakValueDictionary([("z", z)], extra=z)
print(sorted(e2.keys()), e2.popitem()[1] is z)
e2.clear()
print(len(e2))

print("-- WeakKeyDictionary")
w = weakref.WeakKeyDictionary()
k1, k2 = Obj("k1"), Obj("k2")
w[k1] = 1
w[k2] = 2
print(len(w), w[k1], w.get(k2), k1 in w, Obj("x") in w, 5 in w)
print(sorted((k.name, v) for k, v in w.items()))
del k1
print(len(w), sorted(k.name for k in w.keys()), list(w.values()))
print(w.pop(k2), len(w))
w[k2] = 3
print(w.setdefault(k2, 9), w.setdefault(Obj("tmp"), 4), len(w))
k3 = Obj("k3")
w.update({k3: 33})
print(len(w), len(w.keyrefs()))
w2 = w.copy()
del k3
print(len(w), len(w2), sorted(k.name for k in w2))
del w[k2]
print(len(w))

print("-- WeakSet")
s = weakref.WeakSet()
x, y, z = Obj("x"), Obj("y"), Obj("z")
s.add(x)
s.add(y)
s.update([z, x])
print(len(s), x in s, Obj("q") in s, 1 in s)
print(sorted(o.name for o in s))
del y
print(len(s), sorted(o.name for o in s))
s.discard(x)
print(len(s))
try:
    s.remove(x)
except KeyError:
    print("KeyError")
s.add(x)
t = weakref.WeakSet([x])
print(t <= s, s >= t, t < s, s == weakref.WeakSet([x, z]))
print(sorted(o.name for o in s - t), sorted(o.name for o in s & t), sorted(o.name for o in s | t))
print(s.pop() in (x, z), len(s))
del x, z
print(len(s), len(t), list(t))

# One call site (`x.append(...)`, `x.get(...)`) sees built-in containers and
# their subclasses in turn: the site caches built-in methods only for the
# built-in types themselves, so a subclass's override or an instance
# attribute of the same name is always found.


class MyList(list):
    def append(self, x):
        super().append(("wrapped", x))


class Plain(list):
    pass


def add_all(target, items):
    for i in items:
        target.append(i)
    return target


print(add_all([], range(3)))
print(add_all(MyList(), range(3)))
p = Plain()
print(add_all(p, "ab"))
p.append = lambda x: print("instance attribute got", x)
add_all(p, [1, 2])
print(add_all([], (9,)))


class D(dict):
    def get(self, k, default=None):
        return ("sub", k)


def lookups(d):
    return [d.get(k, -1) for k in ("a", "zz")]


for d in ({"a": 1}, D(a=1), {"a": 2}):
    print(lookups(d))

for s in ("a,b", "x,y,z"):
    print(s.split(","), ",".join(reversed(s.split(","))))
for t in ((1, 2, 2), (2, 2, 2)):
    print(t.count(2), t.index(2))
for b in (b"abc", b"cab"):
    print(b.find(b"b"))
for st in ({1, 2}, frozenset({3})):
    print(sorted(st.union({0})))

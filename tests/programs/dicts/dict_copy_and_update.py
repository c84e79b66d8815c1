# dict(d), d.copy() and d.update(other) copy a dict's table: order, holes
# left by deletions, independence of the copy, and keys whose hash and
# equality are user code.

d = {}
for i in range(50):
    d["k%d" % i] = i
for i in range(0, 50, 3):
    del d["k%d" % i]
d["late"] = -1

c = dict(d)
print(len(c), list(c)[:5], list(c)[-2:], c == d, c is d)
c["k1"] = 100
del c["k2"]
print(d["k1"], "k2" in d, len(d), len(c))

e = d.copy()
print(type(e).__name__, e == d, list(e.items())[-3:])
e.clear()
print(len(d), len(e))

# Update into an empty and into a non-empty dict.
empty = {}
empty.update(d)
print(list(empty) == list(d), empty == d)
base = {"k1": "kept-key", "zz": 0}
base.update(d)
print(list(base)[:3], base["k1"], len(base))
base.update(base)
print(len(base))
same = {"a": 1}
same.update(same)
print(same)

# Copies grow again normally.
g = dict({1: 1})
for i in range(2, 2000):
    g[i] = i
print(len(g), sum(g), g[1999])

# Keys with user __hash__ and __eq__: copied with their stored hash.
class Key:
    hashes = 0

    def __init__(self, n):
        self.n = n

    def __hash__(self):
        Key.hashes += 1
        return self.n % 3

    def __eq__(self, other):
        return isinstance(other, Key) and self.n == other.n

    def __repr__(self):
        return "Key(%d)" % self.n


src = {Key(i): i for i in range(9)}
Key.hashes = 0
cp = dict(src)
print(Key.hashes, len(cp), cp[Key(4)], list(cp)[:3])
Key.hashes = 0
cp2 = src.copy()
print(Key.hashes, cp2 == src)
mixed = {Key(100): "a", 1: "b"}
mixed.update(src)
print(len(mixed), mixed[Key(100)], mixed[Key(8)])

# Subclasses: the copy of a subclass instance is a plain dict; a subclass
# target gets the items too.
class MyDict(dict):
    pass


m = MyDict(a=1, b=2)
print(type(m.copy()).__name__, dict(m), MyDict(m), type(MyDict(m)).__name__)
t = MyDict()
t.update({"x": 1})
print(t, type(t).__name__)

# Errors.
try:
    {}.update(1)
except TypeError as ex:
    print("TypeError", ex)
try:
    {}.update([(1, 2, 3)])
except ValueError as ex:
    print("ValueError", ex)

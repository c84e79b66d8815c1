# d[k] and d[k] = v on exact dicts with str and small-int keys (the eval
# loop's one-probe paths) beside keys that need Python code: equal keys of
# other types, a key class with its own __hash__/__eq__, subclasses with
# __missing__ and __setitem__, missing keys, and in-place updates.


class Key:
    def __init__(self, s):
        self.s = s

    def __hash__(self):
        return hash(self.s)

    def __eq__(self, other):
        print("Key.__eq__", self.s, other)
        return other == self.s


d = {"a": 1, "b": 2, 3: "three", -5: "minus five", True: "true", 2.0: "two"}
print(d["a"], d["b"], d[3], d[-5], d[1], d[True], d[2], d[2.0])
for k in ("zz", 99, 10**30, None, (1, 2)):
    try:
        print(d[k])
    except KeyError as e:
        print("KeyError", repr(e))
    except TypeError as e:
        print("TypeError", e)
try:
    d[[1]]
except TypeError as e:
    print("TypeError", e)
d["a"] = 10
d[3] = 30
d[1] = "one"
d["new"] = "n"
d[4] = 4
d["a"] += 5
d[4] *= 3
print(sorted(d.items(), key=repr))

d2 = {Key("x"): "via Key"}
print(d2["x"])
d2["x"] = "replaced through Key's __eq__"
print(list(d2.values()), len(d2))


class Missing(dict):
    def __missing__(self, k):
        return ("missing", k)


class Logged(dict):
    def __setitem__(self, k, v):
        print("Logged.__setitem__", k, v)
        super().__setitem__(k, v)

    def __getitem__(self, k):
        print("Logged.__getitem__", k)
        return super().__getitem__(k)


m = Missing(a=1)
print(m["a"], m["b"], m[7])
lg = Logged()
lg["k"] = 1
lg[2] = 2
print(lg["k"], lg[2], dict(lg))

counts = {}
for w in "the cat and the hat and the bat".split():
    counts[w] = counts.get(w, 0) + 1
for i in range(-3, 40, 7):
    counts[i] = i * i
total = 0
for k in list(counts):
    total += counts[k] if isinstance(counts[k], int) else 0
print(sorted(counts.items(), key=repr), total)

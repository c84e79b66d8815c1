# dicts: creation, insertion order, access, KeyError, update, delete
d = {"b": 2, "a": 1}
d["c"] = 3
d["b"] = 20
print(d, list(d), len(d))
del d["a"]
d["a"] = 100
print(d)
print(dict(x=1, y=2), dict([("k", "v"), ("k2", "v2")]), dict({1: 2}, z=3), dict(zip("ab", range(2))))
try:
    d["missing"]
except KeyError as e:
    print("KeyError", e)
try:
    del d["missing"]
except KeyError as e:
    print("KeyError", e)
print("a" in d, "zz" in d, 20 in d.values())
e = {}
for i in range(10):
    e[i * i % 7] = i
print(e)
print({1: "a", 1.0: "b", True: "c"})
print({(1, 2): "t", None: 0, 3.5: "f", "s": [1]})
try:
    {[1]: 2}
except TypeError as ex:
    print("TypeError", ex)
d2 = {}
d2[1] = d2
print(d2)

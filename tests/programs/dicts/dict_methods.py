# dicts: get, setdefault, pop, popitem, fromkeys, update, copy, clear
d = {"a": 1, "b": 2}
print(d.get("a"), d.get("z"), d.get("z", 0))
print(d.setdefault("a", 99), d.setdefault("c", 3), d.setdefault("n"), d)
print(d.pop("n"), d.pop("zz", "dflt"), d)
try:
    d.pop("zz")
except KeyError as e:
    print("KeyError", e)
print(d.popitem(), d)
d.update({"x": 10}, y=20)
d.update([("z", 30)])
print(d)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0))
shared = dict.fromkeys(["p", "q"], [])
shared["p"].append(1)
print(shared)
c = d.copy()
c["new"] = 1
print(d, c)
c.clear()
print(c, len(c))
try:
    {}.popitem()
except KeyError as e:
    print("KeyError", e)
groups = {}
for w in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups.setdefault(w[0], []).append(w)
print(groups)

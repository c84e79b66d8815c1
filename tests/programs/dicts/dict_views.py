# dicts: keys/values/items views, dynamic views, set ops on views
d = {"a": 1, "b": 2, "c": 3}
k, v, it = d.keys(), d.values(), d.items()
print(k, v, it)
d["d"] = 4
print(list(k), list(v), list(it), len(k))
print(k & {"a", "z"}, sorted(k | {"z"}), sorted(k - {"a"}), ("a", 1) in it, ("a", 2) in it)
for key, val in d.items():
    print(key, val)
print(list(reversed(d)), list(reversed(d.items())))
try:
    for key in d:
        d["e"] = 5
except RuntimeError as e:
    print("RuntimeError", e)
print(sorted(d.values(), reverse=True), sum(d.values()), max(d, key=d.get))
print(d.keys() == {"a", "b", "c", "d", "e"}, list(d.values()) == [1, 2, 3, 4, 5])

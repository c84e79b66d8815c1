# containers: nested lists/dicts/tuples traversal and mutation
db = {
    "users": [
        {"name": "ann", "tags": ["admin", "dev"], "age": 31},
        {"name": "bob", "tags": ["dev"], "age": 25},
        {"name": "cy", "tags": [], "age": 40},
    ],
    "meta": {"version": (1, 2, 3)},
}
print(db["users"][1]["name"], db["meta"]["version"][-1])
print([u["name"] for u in db["users"] if "dev" in u["tags"]])
print(sum(u["age"] for u in db["users"]) / len(db["users"]))
db["users"][2]["tags"].append("new")
print(db["users"][2])
def depth(x):
    if isinstance(x, dict):
        return 1 + max((depth(v) for v in x.values()), default=0)
    if isinstance(x, (list, tuple)):
        return 1 + max((depth(v) for v in x), default=0)
    return 0
print(depth(db), depth([]), depth([[[[]]]]))
def walk(x, path=""):
    if isinstance(x, dict):
        for k, v in x.items():
            yield from walk(v, path + "/" + str(k))
    elif isinstance(x, (list, tuple)):
        for i, v in enumerate(x):
            yield from walk(v, path + "[" + str(i) + "]")
    else:
        yield path, x
for p, v in walk(db):
    print(p, v)

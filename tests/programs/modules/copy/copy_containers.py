# modules/copy: copying dicts/sets/lists of objects, deepcopy preserving identity graph and immutables
import copy
class Item:
    def __init__(self, name, parts):
        self.name = name
        self.parts = parts
    def __repr__(self):
        return f"Item({self.name!r}, {self.parts!r})"
shared_parts = ["bolt"]
a = Item("a", shared_parts)
b = Item("b", shared_parts)
catalog = {"a": a, "b": b, "both": [a, b]}
deep = copy.deepcopy(catalog)
deep["a"].parts.append("nut")
print(catalog["a"].parts, deep["a"].parts, deep["b"].parts, deep["both"][0] is deep["a"])
shallow = copy.copy(catalog)
shallow["c"] = "new"
print(sorted(catalog), sorted(shallow), shallow["a"] is catalog["a"])
s = {1, 2, (3, 4)}
print(copy.copy(s) == s, copy.deepcopy(s) == s, copy.copy(s) is s)
nested = [[1, [2, [3]]]]
d2 = copy.deepcopy(nested)
d2[0][1][1].append(4)
print(nested, d2)
t = (1, [2])
dt = copy.deepcopy(t)
print(dt, dt is t, dt[1] is t[1])

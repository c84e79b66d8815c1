# classes: __getitem__/__setitem__/__delitem__/__contains__/__iter__/__len__ container protocol
class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = {}
    def __getitem__(self, key):
        r, c = key
        if not (0 <= r < self.h and 0 <= c < self.w):
            raise IndexError(f"cell {key} out of range")
        return self.cells.get(key, ".")
    def __setitem__(self, key, v):
        self.cells[key] = v
    def __delitem__(self, key):
        del self.cells[key]
    def __contains__(self, v):
        return v in self.cells.values()
    def __len__(self):
        return len(self.cells)
    def __iter__(self):
        for r in range(self.h):
            yield "".join(self[r, c] for c in range(self.w))
g = Grid(4, 3)
g[0, 0] = "#"
g[1, 2] = "@"
g[2, 3] = "#"
print(len(g), "@" in g, "$" in g)
for row in g:
    print(row)
del g[0, 0]
print(list(g), len(g))
try:
    g[5, 5]
except IndexError as e:
    print("IndexError", e)
try:
    del g[9, 9]
except KeyError as e:
    print("KeyError", e)
class OldIter:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError
        return i * 11
print(list(OldIter()), 22 in OldIter(), 23 in OldIter())
for x in OldIter():
    print("old", x)

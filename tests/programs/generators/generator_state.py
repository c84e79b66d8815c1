# generators: generators as class __iter__, re-entrancy error (generator already executing), generator attributes
class Tree:
    def __init__(self, v, kids=()):
        self.v = v
        self.kids = list(kids)
    def __iter__(self):
        yield self.v
        for k in self.kids:
            yield from k
    def depth_first_levels(self, level=0):
        yield level, self.v
        for k in self.kids:
            yield from k.depth_first_levels(level + 1)
t = Tree(1, [Tree(2, [Tree(4), Tree(5)]), Tree(3, [Tree(6)])])
print(list(t), sum(t))
for lvl, v in t.depth_first_levels():
    print("  " * lvl + str(v))
def reent():
    yield g.__next__()
g = reent()
try:
    next(g)
except ValueError as e:
    print("ValueError", e)
def gen():
    yield 1
x = gen()
print(x.__name__, hasattr(x, "send"), hasattr(x, "throw"), hasattr(x, "close"))
def lazy_range(a, b):
    while a < b:
        yield a
        a += 1
r = lazy_range(0, 5)
print(3 in r, list(r))

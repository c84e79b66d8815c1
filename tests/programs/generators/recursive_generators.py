# generators: recursive generators for permutations, combinations, partitions and tree walks
def perms(items):
    if len(items) <= 1:
        yield list(items)
        return
    for i in range(len(items)):
        for p in perms(items[:i] + items[i + 1:]):
            yield [items[i]] + p
print([("".join(p)) for p in perms("abc")], sum(1 for _ in perms(list(range(6)))))
def combos(items, k):
    if k == 0:
        yield ()
        return
    for i in range(len(items)):
        for rest in combos(items[i + 1:], k - 1):
            yield (items[i],) + rest
print(list(combos("abcd", 2)), len(list(combos(range(10), 3))))
def partitions(n, maxpart=None):
    if maxpart is None:
        maxpart = n
    if n == 0:
        yield []
        return
    for p in range(min(n, maxpart), 0, -1):
        for rest in partitions(n - p, p):
            yield [p] + rest
print(list(partitions(5)), sum(1 for _ in partitions(20)))
def walk(tree, depth=0):
    name, children = tree
    yield depth, name
    for c in children:
        yield from walk(c, depth + 1)
t = ("root", [("a", [("a1", []), ("a2", [])]), ("b", [("b1", [("b1x", [])])])])
for d, n in walk(t):
    print("  " * d + n)

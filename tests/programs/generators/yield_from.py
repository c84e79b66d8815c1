# generators: yield from delegation, return values captured by yield from, nested delegation
def inner():
    yield 1
    yield 2
    return "inner done"
def outer():
    result = yield from inner()
    print("inner returned", result)
    yield 3
    return "outer done"
print(list(outer()))
def flatten(x):
    for item in x:
        if isinstance(item, (list, tuple)):
            yield from flatten(item)
        else:
            yield item
print(list(flatten([1, [2, (3, [4, 5])], [[6]], 7])))
def chain(*its):
    for it in its:
        yield from it
print(list(chain("ab", [1, 2], range(3))))
def averager():
    total = 0
    count = 0
    while True:
        v = yield
        if v is None:
            return total / count
        total += v
        count += 1
def collect(results):
    while True:
        r = yield from averager()
        results.append(r)
results = []
c = collect(results)
next(c)
for v in [10, 20, 30]:
    c.send(v)
c.send(None)
for v in [1, 2]:
    c.send(v)
c.send(None)
print(results)
def gen_ret():
    yield 1
    return 42
g = gen_ret()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("returned", e.value)
def tree(n):
    if n == 0:
        yield "leaf"
        return
    yield f"node{n}"
    yield from tree(n - 1)
    yield from tree(n - 1)
print(list(tree(2)))

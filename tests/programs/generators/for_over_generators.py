"""for loops over generators: values, exhaustion, return values, PEP 479,
exceptions and tracebacks out of the body, re-entry, recursion depth."""
def ten():
    for i in range(3):
        yield i
    return 5
print(list(ten()), [x for x in ten()])
for a in ten():
    for b in ten():
        print(a, b, end=";")
print()
def bad():
    yield 1
    raise StopIteration
try:
    for x in bad():
        print("got", x)
except RuntimeError as e:
    print("RT", e, type(e.__cause__))
def err():
    yield 1
    1/0
try:
    for x in err(): print(x)
except ZeroDivisionError as e:
    print("ZDE", e)
g = ten()
for x in g:
    print(x, next(g, "end"))
def selfish():
    yield 1
    yield next(me)
me = selfish()
try:
    for x in me: print(x)
except ValueError as e: print("VE", e)
def deep(n):
    if n: 
        for x in deep(n-1): yield x
    else: yield 0
print(list(deep(50)))
try:
    for x in deep(5000): pass
except RecursionError as e: print("RE")


def watch():
    yield g2.gi_running
    yield g2.gi_running
g2 = watch()
print([x for x in g2], g2.gi_running)

def counter():
    n = 0
    while True:
        n += 1
        got = yield n
        if got is not None:
            n = got
c = counter()
out = []
for v in c:
    out.append(v)
    if v == 3:
        c.send(10)
    if v > 12:
        break
print(out)

def gen_with_exc_state():
    try:
        raise KeyError("inside")
    except KeyError:
        yield 1
        yield 2
for v in gen_with_exc_state():
    print(v)
try:
    raise ValueError("outer")
except ValueError:
    for v in gen_with_exc_state():
        print(v)
print("done")

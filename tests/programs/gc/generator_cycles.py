# gc: suspended generators referencing themselves and closures in cycles, created many times
def selfref():
    me = yield
    while True:
        yield me
total = 0
for i in range(30000):
    g = selfref()
    next(g)
    g.send(g)
    total += next(g) is g
print(total)
class Box:
    pass
for i in range(30000):
    b = Box()
    b.fn = lambda b=b: b
    b.gen = (b for _ in range(1))
print("boxes done", b.fn() is b)

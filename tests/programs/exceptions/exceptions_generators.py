# exceptions: exceptions raised inside generators, throw(), finally in generators
def gen():
    yield 1
    raise ValueError("from generator")
g = gen()
print(next(g))
try:
    next(g)
except ValueError as e:
    print("caught", e)
print(next(g, "exhausted"))
def guarded():
    try:
        yield "a"
        yield "b"
    except KeyError as e:
        yield f"handled {e}"
    finally:
        print("gen finally")
g = guarded()
print(next(g), g.throw(KeyError("thrown")))
try:
    next(g)
except StopIteration:
    print("stop")
def counter():
    i = 0
    while True:
        try:
            yield i
        except ValueError:
            i = -100
        i += 1
c = counter()
print(next(c), next(c), c.throw(ValueError), next(c))
def bad_stop():
    yield 1
    raise StopIteration("inside")
try:
    list(bad_stop())
except RuntimeError as e:
    print("RuntimeError", e)
def uncaught():
    yield 1
g = uncaught()
next(g)
try:
    g.throw(TypeError("boom"))
except TypeError as e:
    print("propagated", e)

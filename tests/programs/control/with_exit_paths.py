"""with statements leaving by continue, return, exceptions (suppressed or not), generator close; __exit__ as a plain method, a staticmethod, a native method."""
class C:
    def __init__(s, n): s.n = n
    def __enter__(s): return s.n
    def __exit__(s, t, v, tb):
        print("exit", s.n, t.__name__ if t else None)
        return s.n == "sup"
def f():
    for i in range(3):
        with C(i) as a, C("x") as b:
            if i == 1:
                continue
            if i == 2:
                return (a, b)
    return None
print(f())
def g():
    try:
        with C("outer"):
            try:
                with C("sup"):
                    raise KeyError(1)
                with C("inner"):
                    return "r"
            finally:
                print("finally")
    except Exception as e:
        print("caught", e)
print(g())
def h():
    with C("gen") as v:
        yield v
        yield v + "!"
print(list(h()))
x = h(); print(next(x)); x.close()
class M:
    def __enter__(self): return self
    __exit__ = staticmethod(lambda *a: print("static", len(a)))
with M(): pass
class N:
    def __enter__(self): return self
    def __exit__(self, *a): return True
def k():
    with N():
        return 1/0
print(k())
import threading
l = threading.RLock()
with l:
    with l:
        print("nested rlock")

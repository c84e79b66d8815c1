# weakref callbacks: argument, order (newest first), only for live weak references, exceptions ignored, __del__ first
import weakref


class C:
    def __init__(self, n):
        self.n = n


log = []


def make_cb(name):
    def cb(w):
        log.append((name, w() is None, type(w).__name__))
    return cb


o = C(1)
r1 = weakref.ref(o, make_cb("first"))
r2 = weakref.ref(o, make_cb("second"))
plain = weakref.ref(o)
r3 = weakref.ref(o, make_cb("third"))
del o
print(log)

# the callback gets the weak reference itself
seen = []
o = C(2)
r = weakref.ref(o, lambda w: seen.append(w is r))
del o
print(seen)

# a weak reference that died before its referent: no callback
log.clear()
o = C(3)
dead = weakref.ref(o, make_cb("never"))
kept = weakref.ref(o, make_cb("kept"))
del dead
del o
print(log)


# an exception in a callback is reported on stderr and does not propagate
def bad(w):
    raise ValueError("callback failed")


o = C(4)
rb = weakref.ref(o, bad)
rg = weakref.ref(o, make_cb("after bad"))
log.clear()
del o
print("still running", log)

# __del__ runs before the weak references are cleared
order = []


class D:
    def __del__(self):
        order.append(("del", wd() is self))


d = D()
wd = weakref.ref(d, lambda w: order.append(("callback", w() is None)))
del d
print(order)

# resurrection in __del__ keeps the weak reference alive
saved = []


class R:
    def __del__(self):
        saved.append(self)


x = R()
wr = weakref.ref(x, lambda w: print("R callback"))
del x
print(wr() is saved[0])
saved.clear()
print(wr())


# callbacks of referents freed together by a container
log.clear()
objs = [C(i) for i in range(3)]
refs = [weakref.ref(x, make_cb(i)) for i, x in enumerate(objs)]
objs = None
print(sorted(log))

# a callback that creates new weak references and objects
def chain(w):
    n = C(99)
    nr = weakref.ref(n, lambda w2: print("inner callback"))
    del n
    print("outer callback")


o = C(5)
rc = weakref.ref(o, chain)
del o
print("done")


# a callback on a function and on a class
def f():
    pass


rf = weakref.ref(f, lambda w: print("function gone"))
del f


class Gone:
    pass


rk = weakref.ref(Gone, lambda w: print("class gone"))
del Gone
import gc
gc.collect()
print(rf(), rk())

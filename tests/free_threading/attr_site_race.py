# Threads read, write and call attributes through the same code sites
# (LOAD_ATTR / STORE_ATTR / LOAD_METHOD caches) while one thread keeps
# changing what those sites depend on: it adds and removes a property on the
# class, replaces a method, shadows the method in an instance dict, replaces
# an instance's whole __dict__, and makes new classes (which may reuse a dead
# class's address).
# Invariants: every read sees a value some thread wrote or the property's
# value; every call runs one of the method versions; no crash.
import threading

T, N = 4, 20000


class Base:
    def m(self):
        return "m1"


class Obj(Base):
    def __init__(self, k):
        self.x = k
        self.y = k


def m2(self):
    return "m2"


shared = [Obj(k) for k in range(8)]
barrier = threading.Barrier(T)
stop = threading.Event()
MUTATOR = 0


def read(o):
    return o.x


def write(o, v):
    o.x = v


def call(o):
    return o.m()


def mutate(i):
    r = i % 7
    if r == 0:
        Obj.x = property(lambda self: "prop")
    elif r == 1:
        try:
            del Obj.x
        except AttributeError:
            pass
    elif r == 2:
        Base.m = m2 if Base.m is not m2 else (lambda self: "m1")
    elif r == 3:
        o = shared[i % len(shared)]
        o.m = lambda: "own"
    elif r == 4:
        o = shared[i % len(shared)]
        o.__dict__.pop("m", None)
    elif r == 5:
        o = shared[i % len(shared)]
        o.__dict__ = {"x": -1, "y": -1}
    else:

        class Gone:
            def __init__(self):
                self.x = "gone"

        read(Gone())


def worker(k):
    barrier.wait()
    for i in range(N):
        o = shared[(i + k) % len(shared)]
        if k == MUTATOR and i % 50 == 0:
            mutate(i // 50)
        v = read(o)
        assert v == "prop" or v == -1 or v in range(-1, 1000), v
        try:
            write(o, k)
        except AttributeError:
            pass  # the property has no setter
        r = call(o)
        assert r in ("m1", "m2", "own"), r


threads = [threading.Thread(target=worker, args=(k,)) for k in range(T)]
for t in threads:
    t.start()
for t in threads:
    t.join()
try:
    del Obj.x
except AttributeError:
    pass
assert {read(o) for o in shared} <= set(range(-1, T)), [read(o) for o in shared]
print("ok")

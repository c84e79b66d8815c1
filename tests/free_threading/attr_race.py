# Many threads set, read and delete attributes of one instance, and replace a
# method on the class while others call it (the type's attribute cache is
# invalidated under their feet).
# Invariants: a read sees a value some thread wrote; a method call runs one of
# the two versions; counters kept under a lock are exact.
import threading

T, N = 4, 20000


class Box:
    def which(self):
        return 1


def which2(self):
    return 2


obj = Box()
obj.n = 0
lock = threading.Lock()
barrier = threading.Barrier(T)
seen = set()


def worker(k):
    barrier.wait()
    local = set()
    for i in range(N):
        obj.n = i
        setattr(obj, "a%d" % (i % 10), k)
        v = getattr(obj, "a%d" % ((i + 3) % 10), None)
        assert v is None or v in range(T), v
        if i % 100 == 0:
            try:
                delattr(obj, "a%d" % (i % 10))
            except AttributeError:
                pass
        if k == 0 and i % 1000 == 0:
            Box.which = which2 if Box.which is not which2 else Box.__dict__["which"]
        local.add(obj.which())
        with lock:
            obj.count = getattr(obj, "count", 0) + 1
    with lock:
        seen.update(local)


threads = [threading.Thread(target=worker, args=(k,)) for k in range(T)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert obj.count == T * N, obj.count
assert isinstance(obj.n, int) and 0 <= obj.n < N
assert seen <= {1, 2}, seen
print("ok")

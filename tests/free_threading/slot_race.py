# Many threads set, read and delete the __slots__ of shared instances, whose
# values are objects that are freed as soon as they are replaced (lists and
# floats), while others copy them out and use them.
# Invariants: a read sees a value some thread wrote, intact (a list of the
# writer's length, a float of the writer's series) or, after a delete, an
# AttributeError; counters kept under a lock are exact; no crash or hang.
import threading

T, N = 4, 20000


class Point:
    __slots__ = ("x", "y", "items")

    def __init__(self):
        self.x = 0.5
        self.y = 0.25
        self.items = [0]


shared = [Point() for _ in range(3)]
lock = threading.Lock()
barrier = threading.Barrier(T)
counts = {"reads": 0, "misses": 0}


def worker(k):
    barrier.wait()
    reads = misses = 0
    for i in range(N):
        p = shared[i % 3]
        p.x = k + i / (N * 2.0)
        p.items = [k] * (k + 1)
        try:
            items = p.items
            assert len(items) == items[0] + 1, items
            x = p.x
            assert 0 <= x < T, x
            reads += 1
        except AttributeError:
            misses += 1
        if i % 97 == k:
            try:
                del p.items
            except AttributeError:
                pass
        if i % 101 == 0:
            p.y = p.y + 1.0 if hasattr(p, "y") else 0.25
    with lock:
        counts["reads"] += reads
        counts["misses"] += misses


threads = [threading.Thread(target=worker, args=(k,)) for k in range(T)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert counts["reads"] + counts["misses"] == T * N, counts
for p in shared:
    assert isinstance(p.x, float) and isinstance(p.y, float)
print("ok")

# Threads create instances whose class defines __del__, share some of them
# through a list that other threads empty, drop others at once, and make
# reference cycles that the collector finds (gc.collect() from several
# threads). Each __del__ appends its instance's id to a list.
# Invariants: every instance is finalized exactly once (no id twice, none
# missing once all are gone) and its attributes are intact when it is; no
# crash or hang.
import gc
import threading

T, N = 4, 3000
finalized = []
barrier = threading.Barrier(T)
shared = []
lock = threading.Lock()


class Tracked:
    def __init__(self, n):
        self.n = n
        self.peer = None

    def __del__(self):
        if not isinstance(self.n, int):
            finalized.append(("bad", self.n))
        finalized.append(self.n)


def work(t):
    barrier.wait()
    base = t * N * 3
    for i in range(N):
        Tracked(base + 3 * i)  # dropped at once
        with lock:
            shared.append(Tracked(base + 3 * i + 1))
            if len(shared) > 8:
                shared.pop(0)  # may be another thread's object
        a = Tracked(base + 3 * i + 2)
        if i % 2:
            a.peer = a  # a cycle: only the collector frees it
        del a
        if i % 500 == 0:
            gc.collect()


threads = [threading.Thread(target=work, args=(t,)) for t in range(T)]
for th in threads:
    th.start()
for th in threads:
    th.join()
shared.clear()
for _ in range(3):
    gc.collect()
bad = [x for x in finalized if not isinstance(x, int)]
ids = [x for x in finalized if isinstance(x, int)]
expected = T * N * 3
if bad or len(ids) != len(set(ids)) or len(ids) != expected:
    print("bad:", bad[:3], "finalized", len(ids), "distinct", len(set(ids)), "expected", expected)
else:
    print("ok")

# Many threads pull from one shared iterator at once: a list iterator, a range
# iterator, a dict key iterator and an enumerate/zip chain.
# Invariants: from a list, range or dict iterator every item is delivered to
# exactly one thread (each next() is one atomic step of the iterator's state).
# A chain of iterators (enumerate over zip) takes several steps per item, so
# threads may interleave them (as on CPython): every item is still well
# formed.
import threading

T, N = 4, 50000


def drain(it):
    got = [[] for _ in range(T)]
    barrier = threading.Barrier(T)

    def worker(k):
        barrier.wait()
        out = got[k]
        for x in it:
            out.append(x)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(T)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [x for part in got for x in part]


assert sorted(drain(iter(list(range(N))))) == list(range(N))
assert sorted(drain(iter(range(N)))) == list(range(N))
assert sorted(drain(iter({i: None for i in range(N)}))) == list(range(N))
pairs = drain(enumerate(zip(range(N), range(N, 2 * N))))
assert len(pairs) == N, len(pairs)
assert all(0 <= i < N and 0 <= a < N <= b < 2 * N for i, (a, b) in pairs)
print("ok")

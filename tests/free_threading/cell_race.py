# Many threads share closure cells: each rebinds one cell with fresh lists
# (`nonlocal`) while all of them read it through their closures, and every
# thread's generators are resumed by `for` loops over a shared range
# iterator's items.
# Invariants: a read sees a whole list some thread stored (its checksum
# holds); the counter cell, updated under a lock, is exact; no item of the
# shared iterator is seen twice or lost.
import threading

T, N = 4, 20000


def make():
    box = [0, 0]
    count = 0
    lock = threading.Lock()

    def put(k, i):
        nonlocal box
        box = [k, i, k + i]

    def get():
        return box

    def bump():
        nonlocal count
        with lock:
            count += 1

    def total():
        return count

    return put, get, bump, total


put, get, bump, total = make()
shared = iter(range(N * T))
taken = [[] for _ in range(T)]
barrier = threading.Barrier(T)


def pairs(it, k):
    for x in it:
        yield k, x


def worker(k):
    barrier.wait()
    for i in range(N):
        put(k, i)
        b = get()
        assert len(b) == 2 or b[0] + b[1] == b[2], b
        if i % 10 == 0:
            bump()
    for who, x in pairs(shared, k):
        assert who == k
        taken[k].append(x)


threads = [threading.Thread(target=worker, args=(k,)) for k in range(T)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert total() == T * N // 10, total()
assert sorted(x for part in taken for x in part) == list(range(N * T))
print("ok")

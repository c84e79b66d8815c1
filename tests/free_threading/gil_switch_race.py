# Threads race on shared containers while the main thread imports a module
# that needs the GIL: the world stops, the GIL comes on, and every thread
# goes on under it. Invariants: nothing is lost across the switch, and the
# GIL is on afterwards (unless --gil 0 forced it off).
import sys
import threading
import time

T, N = 4, 20000
shared = []
counts = {}
lock = threading.Lock()
started = threading.Barrier(T + 1)


def worker(k):
    started.wait()
    for i in range(N):
        shared.append(i)
        counts[(k, i % 100)] = counts.get((k, i % 100), 0) + 1
        if i % 1000 == 0:
            time.sleep(0)


threads = [threading.Thread(target=worker, args=(k,)) for k in range(T)]
for t in threads:
    t.start()
started.wait()
before = sys._is_gil_enabled()
import _legacy_extension  # noqa: E402  (the switch happens while threads run)

for t in threads:
    t.join()
assert not before
assert sys._is_gil_enabled()
assert len(shared) == T * N, len(shared)
assert all(counts[(k, j)] == N // 100 for k in range(T) for j in range(100)), "lost update"
print("ok")

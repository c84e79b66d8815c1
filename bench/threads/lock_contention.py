# bench/threads/lock_contention.py: 200,000 increments of one list item, with and without a shared threading.Lock, on 1 and 2 threads (wall seconds). Shows lock convoys: run it pinned to one CPU (taskset -c 0) and on all CPUs.
import threading, time, sys
N = 200000
lock = threading.Lock()
box = [0]
def locked(n):
    for _ in range(n):
        with lock:
            box[0] += 1
def unlocked(n):
    for _ in range(n):
        box[0] += 1
for f in (locked, unlocked):
    for k in (1, 2):
        ts = [threading.Thread(target=f, args=(N // k,)) for _ in range(k)]
        t = time.perf_counter()
        for x in ts: x.start()
        for x in ts: x.join()
        print(f.__name__, k, "%.3f" % (time.perf_counter() - t))

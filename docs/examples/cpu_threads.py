"""CPU-bound threads under a GIL: the same total work on 1, 2 and 4 threads.

Only the thread holding the GIL runs Python, so more threads do not finish
sooner; with CPython's "new GIL" (and gilgamesh's) they do not finish later
either. Run:  gilgamesh docs/examples/cpu_threads.py   (or python3 ...)
"""
import sys
import threading
import time

TOTAL = int(sys.argv[1]) if len(sys.argv) > 1 else 3_000_000


def count_odd_squares(n):
    k = 0
    for i in range(n):
        if i * i % 2:
            k += 1
    return k


def run(threads):
    share = TOTAL // threads
    workers = [threading.Thread(target=count_odd_squares, args=(share,)) for _ in range(threads)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - start


count_odd_squares(100_000)  # warm up
base = None
print("threads  seconds  vs 1 thread")
for threads in (1, 2, 4):
    t = min(run(threads) for _ in range(3))
    base = base or t
    print("%7d  %7.3f  %10.2fx" % (threads, t, t / base))

"""CPU-bound work on threads and on isolated interpreters, under a GIL.

The same loop (3 million iterations in total) is split over 1 and 2
workers, first as threads of one interpreter (one GIL: they take turns),
then as threads that each run in their own interpreter (one GIL each,
PEP 684: they run at once). Interpreters are created and closed outside the
timed region; the time to create one is printed separately.

Run:  gilgamesh docs/examples/interp_parallel.py
      gilgamesh run --stats docs/examples/interp_parallel.py
On CPython 3.13 (the 3.14 API rebuilt over 3.13's _interpreters by a test helper):
      PYTHONPATH=tests/programs/subinterp python3.13 docs/examples/interp_parallel.py
"""
import sys
import threading
import time

try:
    from concurrent import interpreters      # gilgamesh, CPython 3.14+
except ImportError:                           # CPython 3.13: the 3.14 API rebuilt over
    from _interp_compat import interpreters  # _interpreters (tests/programs/subinterp/)

TOTAL = int(sys.argv[1]) if len(sys.argv) > 1 else 3_000_000


def count_odd_squares(n):
    k = 0
    for i in range(n):
        if i * i % 2:
            k += 1
    return k


def on_threads(workers):
    share = TOTAL // workers
    results = [0] * workers

    def work(i):
        results[i] = count_odd_squares(share)

    ts = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    start = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.perf_counter() - start, sum(results)


def on_interpreters(workers):
    share = TOTAL // workers
    interps = [interpreters.create() for _ in range(workers)]
    results = [0] * workers

    def work(i):
        # call() sends the function's code and the argument; the result
        # comes back as a copy.
        results[i] = interps[i].call(count_odd_squares, share)

    ts = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    start = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    elapsed = time.perf_counter() - start
    for it in interps:
        it.close()
    return elapsed, sum(results)


count_odd_squares(100_000)  # warm up
start = time.perf_counter()
interpreters.create().close()
print("create + close one interpreter: %.2f ms" % ((time.perf_counter() - start) * 1000))
print("model         workers  seconds  vs 1 worker  answer")
for label, run in [("threads", on_threads), ("interpreters", on_interpreters)]:
    base = None
    for workers in (1, 2):
        best = min(run(workers) for _ in range(3))
        base = base or best[0]
        print("%-13s %7d  %7.3f  %10.2fx  %d" % (label, workers, best[0], base / best[0], best[1]))

"""CPU-bound work split over 1 and 2 threads: under a GIL no speedup is
expected, and no thrashing either (2 threads should take about as long as 1).

Prints `name value` lines: best-of-3 seconds for 1 and 2 threads and their
ratio.
Usage: gilgamesh bench/threads/cpu_scaling.py  |  python3 bench/threads/cpu_scaling.py
"""
import sys
import threading
import time


def work(n):
    x = 0
    for i in range(n):
        x += i * i % 7
    return x


N = int(sys.argv[1]) if len(sys.argv) > 1 else 4000000


def run(k):
    ts = [threading.Thread(target=work, args=(N // k,)) for _ in range(k)]
    t = time.perf_counter()
    for th in ts:
        th.start()
    for th in ts:
        th.join()
    return time.perf_counter() - t


work(100000)
t1 = t2 = float("inf")
for _ in range(3):  # interleaved, so a slow phase of the machine hits both
    t1 = min(t1, run(1))
    t2 = min(t2, run(2))
print("one_thread_s", t1)
print("two_threads_s", t2)
print("ratio_2_over_1", t2 / t1)

# bench: CPU-bound work split over 1 and 2 threads (GIL: no speedup expected, no thrashing either).
# Usage: gilgamesh bench/threads_scaling.py  |  python3 bench/threads_scaling.py
import threading, time
def work(n):
    x = 0
    for i in range(n):
        x += i * i % 7
    return x
N = 4000000
def run(k):
    ts = [threading.Thread(target=work, args=(N // k,)) for _ in range(k)]
    t = time.perf_counter()
    for th in ts: th.start()
    for th in ts: th.join()
    return time.perf_counter() - t
work(100000)
t1 = min(run(1) for _ in range(3)); t2 = min(run(2) for _ in range(3))
print("1 thread %.3fs, 2 threads %.3fs, 2-thread time / 1-thread time %.2f" % (t1, t2, t2 / t1))

"""One pattern of ft_scaling.py on T threads started together (a barrier):

    gilgamesh run --mode nogil bench/threads/standalone_pattern.py T PATTERN [SCALE]

PATTERN names a function of ft_scaling.py (float_math, generator, cpu_loop,
...); SCALE defaults to 400. Prints the wall time of all T threads; used for
the device checks in bench/results/device_standalone_16core-*.txt.
"""
import sys
import threading
import time

T = int(sys.argv[1])
WHICH = sys.argv[2]
# ft_scaling.py reads its thread count and scale from the command line.
sys.argv = [sys.argv[0], "1", sys.argv[3] if len(sys.argv) > 3 else "400"]
import ft_scaling  # noqa: E402  (the script's folder is on sys.path)

f = getattr(ft_scaling, WHICH)
b = threading.Barrier(T + 1)


def w():
    b.wait()
    f()


ts = [threading.Thread(target=w) for _ in range(T)]
for t in ts:
    t.start()
t0 = time.perf_counter()
b.wait()
for t in ts:
    t.join()
print(WHICH, T, "%.1f ms" % ((time.perf_counter() - t0) * 1e3))

"""One ft_scaling pattern on T threads started together (a barrier):

    gilgamesh run --mode nogil bench/threads/standalone_pattern.py T float_math|generator|cpu_loop

Prints the wall time of all T threads; used for the device checks in
bench/results/device_standalone_16core-*.txt."""
import sys, threading, time
T = int(sys.argv[1]); WHICH = sys.argv[2]; SCALE = 400

def float_math():
    x = 1.0
    y = 0.0
    for i in range(2000 * SCALE):
        x *= 1.0001
        y += x * 0.5 - 1.0
    return y

def ten():
    for i in range(10):
        yield i

def generator():
    acc = 0
    for i in range(100 * SCALE):
        for v in ten():
            acc += v
    return acc

def cpu_loop():
    x = 0
    for i in range(3000 * SCALE):
        x = (x + i * i) % 1000003
    return x

f = {"float_math": float_math, "generator": generator, "cpu_loop": cpu_loop}[WHICH]
b = threading.Barrier(T + 1)
def w():
    b.wait()
    f()
ts = [threading.Thread(target=w) for _ in range(T)]
for t in ts: t.start()
t0 = time.perf_counter(); b.wait()
for t in ts: t.join()
print(WHICH, T, "%.1f ms" % ((time.perf_counter() - t0) * 1e3))

"""Free-threading scaling patterns: does each pattern run N times as fast on N
threads as on one?

Each pattern is a function doing a fixed amount of work. It runs once on the
main thread (the baseline), then at once on each of N worker threads (same
work per thread). Throughput scaling = N * t(1 thread) / t(N threads): N is
perfect, 1 means the threads ran one after another (a GIL, or contention on
a shared cache line or lock).

The patterns follow the ones CPython's Tools/ftscalingbench found to scale
badly at some point (reference-count contention on shared functions, code,
types, constants; lock contention on shared caches), plus read-only sharing
of data structures every thread reads, and plain independent CPU work.

    gilgamesh run --mode nogil bench/threads/ft_scaling.py [THREADS] [SCALE]
    python3.13t bench/threads/ft_scaling.py [THREADS] [SCALE]

Prints `name scaling` lines (and `name.ms1`/`name.msN` times).
"""
import math
import queue
import sys
import threading
import time

THREADS = int(sys.argv[1]) if len(sys.argv) > 1 else 2
SCALE = int(sys.argv[2]) if len(sys.argv) > 2 else 100

PATTERNS = []


def pattern(f):
    PATTERNS.append(f)
    return f


# -- independent CPU work ---------------------------------------------------
@pattern
def cpu_loop():
    x = 0
    for i in range(3000 * SCALE):
        x = (x + i * i) % 1000003
    return x


# -- calls -------------------------------------------------------------------
def add_one(i):
    return i + 1


@pattern
def pyfunction():
    acc = 0
    for i in range(1000 * SCALE):
        acc = add_one(i)
    return acc


def twice(x):
    return x + x


this_module = sys.modules[__name__]


@pattern
def module_function():
    total = 0
    for i in range(1000 * SCALE):
        total += this_module.twice(i)
    return total


@pattern
def builtin_function():
    for i in range(1000 * SCALE):
        math.floor(i * 0.5)
        abs(-i)


class Counter:
    def __init__(self):
        self.n = 0

    def bump(self):
        self.n += 1
        return self.n


@pattern
def pymethod():
    c = Counter()
    for i in range(1000 * SCALE):
        c.bump()
    return c.n


# -- object, closure and dict creation ---------------------------------------
class Plain:
    pass


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


@pattern
def create_object():
    for i in range(1000 * SCALE):
        o = Plain()
        p = Point(i, i)


@pattern
def create_closure():
    for i in range(1000 * SCALE):
        def f(x):
            return x + i
        f(i)


@pattern
def create_dict():
    for i in range(1000 * SCALE):
        d = {"key": "value", "n": i}


# -- constants -----------------------------------------------------------------
@pattern
def load_constants():
    acc = 0
    for i in range(1000 * SCALE):
        if i == "a string":
            acc += 7
        elif i == (1, 2):
            acc += 3
        else:
            acc += 1
    return acc


# -- float math ----------------------------------------------------------------
@pattern
def float_math():
    x = 1.0
    y = 0.0
    for i in range(2000 * SCALE):
        x *= 1.0001
        y += x * 0.5 - 1.0
    return y


# -- generators ----------------------------------------------------------------
def ten():
    for i in range(10):
        yield i


@pattern
def generator():
    acc = 0
    for i in range(100 * SCALE):
        for v in ten():
            acc += v
    return acc


# -- list operations (thread-private lists) -------------------------------------
@pattern
def list_ops():
    acc = 0
    tab = [1] * 100
    for i in range(1000 * SCALE):
        tab.pop(0)
        tab.append(i)
        acc += tab[50]
    return acc


# -- context managers ----------------------------------------------------------
class Ctx:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


@pattern
def context_manager():
    c = Ctx()
    for i in range(1000 * SCALE):
        with c:
            pass


# -- read-only sharing: every thread reads the same objects ---------------------
SHARED_LIST = list(range(1000))
SHARED_DICT = {i: i * 2 for i in range(1000)}
SHARED_STR_DICT = {"k%d" % i: i for i in range(100)}
SHARED_TUPLE = tuple(range(100))
LIMIT = 7


class Config:
    scale = 3
    name = "config"

    def factor(self):
        return self.scale


CONFIG = Config()


@pattern
def shared_list_read():
    acc = 0
    for i in range(1000 * SCALE):
        acc += SHARED_LIST[i % 1000]
    return acc


@pattern
def shared_dict_read():
    acc = 0
    for i in range(1000 * SCALE):
        acc += SHARED_DICT[i % 1000]
    return acc


@pattern
def shared_globals_read():
    acc = 0
    for i in range(1000 * SCALE):
        acc += LIMIT + SHARED_TUPLE[i % 100]
    return acc


@pattern
def shared_instance_read():
    acc = 0
    for i in range(1000 * SCALE):
        acc += CONFIG.scale + CONFIG.factor()
    return acc


@pattern
def shared_list_iterate():
    acc = 0
    for _ in range(SCALE):
        for x in SHARED_LIST:
            acc += x
    return acc


thread_state = threading.local()


@pattern
def thread_local_read():
    t = thread_state
    t.x = 10
    acc = 0
    for i in range(1000 * SCALE):
        acc += t.x
    return acc


# -- harness ----------------------------------------------------------------------
def worker(inq, outq):
    while True:
        f = inq.get()
        if f is None:
            return
        f()
        outq.put(None)


def main():
    inqs = [queue.Queue() for _ in range(THREADS)]
    outqs = [queue.Queue() for _ in range(THREADS)]
    threads = [threading.Thread(target=worker, args=(inqs[k], outqs[k])) for k in range(THREADS)]
    for t in threads:
        t.start()
    for f in PATTERNS:
        f()  # warm up
        best1 = bestn = None
        for _ in range(3):
            t0 = time.perf_counter()
            f()
            t1 = time.perf_counter() - t0
            t0 = time.perf_counter()
            for q in inqs:
                q.put(f)
            for q in outqs:
                q.get()
            tn = time.perf_counter() - t0
            best1 = t1 if best1 is None else min(best1, t1)
            bestn = tn if bestn is None else min(bestn, tn)
        print("%s %.3f" % (f.__name__, THREADS * best1 / bestn))
        print("%s.ms1 %.2f" % (f.__name__, best1 * 1e3))
        print("%s.ms%d %.2f" % (f.__name__, THREADS, bestn * 1e3))
        sys.stdout.flush()
    for q in inqs:
        q.put(None)
    for t in threads:
        t.join()


if __name__ == "__main__":
    main()

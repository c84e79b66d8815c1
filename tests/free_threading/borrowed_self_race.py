# Threads call methods of a shared module global (`SHARED.get()`, entered
# with a borrowed `self` in free-threaded mode) while another thread keeps
# rebinding and deleting that global, and while the methods reach safe
# points (loops, calls), block (sleep), run the collector, raise, or store
# `self` elsewhere.
# Invariants: each call sees one consistent instance, and afterwards every
# instance's reference count is what the references left to it say: no
# borrowed call lost or leaked a count. (gilgamesh's LOAD_GLOBAL cache holds
# a reference to the value it caches, released a grace period after the
# cache is refilled: `flush_retired` makes those grace periods pass, and the
# one instance a cache still holds may show one extra reference. One more
# stray reference to one instance also shows up now and then, with or
# without borrowed receivers; a lost or leaked count per borrowed call would
# show on hundreds.)
import gc
import sys
import threading
import time

T, N = 4, 20000


class Shared:
    def __init__(self, n):
        self.n = n
        self.data = list(range(n % 7))

    def get(self):
        return self.n

    def check(self):
        # Reaches safe points (a loop and calls): the borrow is strengthened.
        total = 0
        for x in self.data:
            total += x
        assert total == sum(range(self.n % 7))
        return self.n

    def keep(self):
        KEPT.append(self)
        return self.n

    def nap(self):
        time.sleep(0)
        return self.n

    def collect(self):
        gc.collect()
        return self.n

    def fail(self):
        raise ValueError(self.n)

    def add(self, a, b):
        return self.n + a + b

    def span(self, k):
        # Arguments and a loop: borrowed `self`, counted arguments.
        out = []
        for j in range(k):
            out.append(self.n + j)
        return out

    def slow(self):
        # Many safe points while the writer drops every other reference to
        # this instance: `self` must stay alive and unchanged throughout.
        n, data = self.n, self.data
        for _ in range(200):
            assert self.n == n and self.data is data
            assert len(data) == n % 7
            time.sleep(0) if n % 50 == 0 else None
        return n


def hammer(k, rounds, rebinding):
    for i in range(rounds):
        try:
            a = SHARED.get()
            b = SHARED.check()
            assert isinstance(a, int) and isinstance(b, int)
            c = SHARED.add(i, 1)
            assert isinstance(c, int)
            s = SHARED.span(3)
            assert s[2] - s[0] == 2
            if i % 500 == 0:
                SHARED.nap()
                try:
                    SHARED.fail()
                except ValueError:
                    pass
                if rebinding:
                    SHARED.keep()
            if k == 0 and i % 5000 == 0:
                SHARED.collect()
        except NameError:
            # The writer deleted the global for a moment.
            assert rebinding


def _read_flip():
    return FLIP


def flush_retired():
    # Enough retired cache references for every pending one to be released.
    global FLIP
    for i in range(2000):
        FLIP = [i]
        _read_flip()


def run(threads):
    for t in threads:
        t.start()
    for t in threads:
        t.join()


# Phase 1: one instance, never rebound: its count is unchanged afterwards.
SHARED = Shared(5)
hammer(1, 1, False)
before = sys.getrefcount(SHARED)
run([threading.Thread(target=hammer, args=(k, N, False)) for k in range(T)])
gc.collect()
flush_retired()
after = sys.getrefcount(SHARED)
assert after == before, (after, before)

# Phase 2: rebinding and deleting while the readers call.
KEPT = []
ALL = [SHARED]


def writer():
    global SHARED
    for i in range(1, N // 4):
        new = Shared(i)
        ALL.append(new)
        SHARED = new
        if i % 97 == 0:
            del SHARED
            time.sleep(0)
            SHARED = ALL[-1]


run([threading.Thread(target=hammer, args=(k, N, True)) for k in range(T)]
    + [threading.Thread(target=writer)])
counts = {}
for k in KEPT:
    counts[id(k)] = counts.get(id(k), 0) + 1
del k


def extra_references():
    # Each instance: the ALL entry, the loop variable, the getrefcount
    # argument, its KEPT entries, and SHARED for the last one.
    extra = 0
    for x in ALL:
        want = 3 + counts.get(id(x), 0) + (1 if x is SHARED else 0)
        got = sys.getrefcount(x)
        assert got >= want, (x.n, got, want)
        extra += got - want
    return extra


# Retired cache references are released once the grace periods pass, which
# can take a few rounds of retiring.
for _ in range(10):
    gc.collect()
    flush_retired()
    extra = extra_references()
    if extra <= 2:
        break
assert extra <= 2, extra

# Phase 3: the writer's rebinding drops the last reference (outside the
# LOAD_GLOBAL cache) to instances that readers are inside methods of.
del ALL, KEPT


def slow_reader():
    for i in range(N // 20):
        try:
            SHARED.slow()
        except NameError:
            pass


def dropper():
    global SHARED
    for i in range(N):
        SHARED = Shared(i)


run([threading.Thread(target=slow_reader) for k in range(T)] + [threading.Thread(target=dropper)])
print("ok")

"""Threads that make garbage cycles: what the cycle collector costs them.

Reference counting frees most objects at once; a cycle (here, pairs of
nodes that point at each other) is freed only by the cycle collector. Each
of two threads builds and drops 100,000 such cycles, so collections run
while both threads work. Under a GIL a collection runs on the thread that
triggered it while the other waits for the GIL anyway; without a GIL
(`--mode nogil`) the collector stops the world: every other thread parks at
its next safe point until the collection is over.

Run:  gilgamesh run --stats docs/examples/gc_cycles.py
      gilgamesh run --mode nogil --stats docs/examples/gc_cycles.py
      gilgamesh run --mode nogil --trace gc.json docs/examples/gc_cycles.py
"""
import gc
import sys
import threading
import time

CYCLES = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000


class Node:
    def __init__(self):
        self.other = None


def make_cycles(n):
    for _ in range(n):
        a, b = Node(), Node()
        a.other, b.other = b, a


threads = [threading.Thread(target=make_cycles, args=(CYCLES,), name="maker-%d" % i)
           for i in range(2)]
start = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
print("cycles made: %d" % (2 * CYCLES))
print("collections:", sum(s["collections"] for s in gc.get_stats()))
print("seconds: %.3f" % (time.perf_counter() - start), file=sys.stderr)

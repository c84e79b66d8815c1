"""Shared state updated under a lock: counters incremented by every worker, the cost of contention and of lock hand-offs.

Every worker performs its share of a fixed sequence of increments on a
small table of counters (increment i goes to a counter picked by a hash of i), each increment a read-modify-write under one module-level
`threading.Lock` with a little arithmetic in between. Under threads the
counters (a list inside `data`) and the lock are shared, so the answer can be
checked against the counters themselves: if the lock failed, updates would
be lost.

Expected winner: none scales well with threads. Under the GIL the lock is
almost free (no parallelism to fight over) but nothing runs in parallel;
free threads make the lock a real contention point, so 2 workers may be
slower than 1 (cache-line ping-pong and lock hand-offs). Subinterpreters
scale, because each interpreter has its own module, its own lock and its
own copy of the counters: there is nothing to contend on, and also nothing
shared (the same program now means something else: per-worker tallies).

Answer: the per-counter increment totals, summed from what each worker
reports doing; with shared memory, combine() also compares them with the
shared counters (and resets them for the next run). check() recomputes the
totals from the increment list.
"""

import threading

import workload_support

CATEGORY = "contention"
COUNTERS = 16
M = 2147483647

_LOCK = threading.Lock()
_DATA = [None]      # the data of the last setup(), to check shared counters


def _target(i):
    """Which counter increment i goes to (a multiplicative hash of i)."""
    return (i * 2654435761 % M) % COUNTERS


def setup(scale):
    data = {"increments": int(400000 * scale) or 1, "counters": [0] * COUNTERS}
    _DATA[0] = data
    return data


def work(data, worker, workers):
    counters = data["counters"]
    mine = [0] * COUNTERS
    lock = _LOCK
    acc = 0
    for i in range(worker, data["increments"], workers):
        k = (i * 2654435761 % M) % COUNTERS
        acc = (acc * 31 + i) % 65521          # a little work outside the lock
        with lock:
            v = counters[k]
            counters[k] = v + 1
        mine[k] += 1
    return mine


def combine(parts):
    totals = tuple(sum(p[k] for p in parts) for k in range(COUNTERS))
    data = _DATA[0]
    if workload_support.shared_memory() and data is not None:
        shared = tuple(data["counters"])
        for k in range(COUNTERS):
            data["counters"][k] = 0
        if shared != totals:
            raise AssertionError("shared counters %r disagree with the increments made %r "
                                 "(lost updates: the lock did not exclude)" % (shared, totals))
    return totals


def check(answer, scale):
    expect = [0] * COUNTERS
    for i in range(setup(scale)["increments"]):
        expect[_target(i)] += 1
    if tuple(expect) != answer:
        raise AssertionError("got %r, expected %r" % (answer, tuple(expect)))

"""A shared cache under a lock: memoising an expensive function for requests that repeat across workers, where sharing saves work.

Every worker serves its share of a fixed stream of requests for keys drawn
from a skewed distribution; each answer comes from an expensive function of
the key (an integer loop), memoised in a dict guarded by a lock (check, then
compute outside the lock, then insert). With shared memory the workers fill
one cache together; with subinterpreters each interpreter has its own cache
and recomputes what the others already know.

Expected winner: free threads: requests scale and each key is computed
about once overall. Subinterpreters scale too but repeat the misses in every
interpreter (more total CPU, visible as cpu_s); GIL threads share the cache
but run one at a time. A good example of a workload whose *total work*
depends on the model.

Answer: (requests, sum of answers), independent of
who computed what. combine() resets the shared cache so that every timed run
starts cold. check() recomputes the sum directly.
"""

import threading

CATEGORY = "contention"
KEYS = 1000
M = 2147483647

_LOCK = threading.Lock()
_CACHE = {}


def expensive(key):
    x = key + 1
    acc = 0
    for i in range(1200):
        x = x * 48271 % M
        acc = (acc + (x >> 7) * (i + 1)) % 1000000007
    return acc


def _requests(n):
    x = 8675309
    out = []
    for _ in range(n):
        x = x * 48271 % M
        a = x % KEYS
        x = x * 48271 % M
        out.append(a * (x % KEYS) // KEYS)   # skewed towards small keys
    return tuple(out)


def setup(scale):
    _CACHE.clear()
    return {"requests": _requests(int(30000 * scale) or 1)}


def work(data, worker, workers):
    requests = data["requests"]
    cache = _CACHE
    lock = _LOCK
    total = 0
    computed = 0
    for i in range(worker, len(requests), workers):
        key = requests[i]
        with lock:
            value = cache.get(key)
        if value is None:
            value = expensive(key)
            computed += 1
            with lock:
                cache[key] = value
        total += value
    return (len(range(worker, len(requests), workers)), total, computed)


def combine(parts):
    _CACHE.clear()
    return (sum(p[0] for p in parts), sum(p[1] for p in parts))


def check(answer, scale):
    requests = _requests(int(30000 * scale) or 1)
    values = {}
    total = 0
    for key in requests:
        if key not in values:
            values[key] = expensive(key)
        total += values[key]
    if answer != (len(requests), total):
        raise AssertionError("got %r, expected %r" % (answer, (len(requests), total)))

"""Costs of the GIL's everyday operations, one `name value` line each:

- lock_pair_ns: one uncontended `Lock.acquire()` + `release()`, by method call;
- with_lock_ns: one `with lock:` block around `pass` (the same pair through
  the context-manager protocol);
- rlock_pair_ns: an uncontended `RLock.acquire()` + `release()`;
- handoff_us: one hand-off between two threads: the main thread releases a
  lock the other thread waits on, then waits on a lock that thread releases
  (a ping-pong); each round trip is two hand-offs, each of which wakes a
  blocked thread and passes the GIL to it.

Empty-loop time is subtracted from the per-pair figures.
Usage: gilgamesh bench/threads/lock_latency.py  |  python3 bench/threads/lock_latency.py
"""
import sys
import threading
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
ROUNDS = max(N // 50, 1000)


def empty_loop(n):
    t = time.perf_counter()
    for _ in range(n):
        pass
    return time.perf_counter() - t


def lock_pairs(lock, n):
    acquire = lock.acquire
    release = lock.release
    t = time.perf_counter()
    for _ in range(n):
        acquire()
        release()
    return time.perf_counter() - t


def with_blocks(lock, n):
    t = time.perf_counter()
    for _ in range(n):
        with lock:
            pass
    return time.perf_counter() - t


def handoffs(rounds):
    ping = threading.Lock()
    pong = threading.Lock()
    ping.acquire()
    pong.acquire()

    def partner():
        for _ in range(rounds):
            ping.acquire()
            pong.release()

    t = threading.Thread(target=partner)
    t.start()
    start = time.perf_counter()
    for _ in range(rounds):
        ping.release()
        pong.acquire()
    elapsed = time.perf_counter() - start
    t.join()
    return elapsed / (2 * rounds)


def best(f, *args):
    return min(f(*args) for _ in range(3))


base = best(empty_loop, N)
result = {
    "lock_pair_ns": (best(lock_pairs, threading.Lock(), N) - base) / N * 1e9,
    "with_lock_ns": (best(with_blocks, threading.Lock(), N) - base) / N * 1e9,
    "rlock_pair_ns": (best(lock_pairs, threading.RLock(), N) - base) / N * 1e9,
    "handoff_us": best(handoffs, ROUNDS) * 1e6,
}
for name, value in result.items():
    print(name, value)

# Shared state updated under locks: a counter, a dict of counters and a list
# used as a stack, each behind its own threading.Lock / RLock / Condition.
# Invariant: the totals are exact.
import threading

T, N = 4, 20000
lock = threading.Lock()
rlock = threading.RLock()
cond = threading.Condition()
counter = 0
counts = {}
stack = []


def worker(k):
    global counter
    for i in range(N):
        with lock:
            counter += 1
        with rlock:
            with rlock:
                counts[i % 10] = counts.get(i % 10, 0) + 1
        with cond:
            stack.append(i)
            if len(stack) > 100:
                del stack[:50]


threads = [threading.Thread(target=worker, args=(k,)) for k in range(T)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert counter == T * N, counter
assert sum(counts.values()) == T * N, counts
assert len(stack) <= 101
print("ok")

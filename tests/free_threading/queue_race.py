# Threads use one list as a queue from both ends (append, pop(0),
# insert(0, x), del q[0]) while other threads read it without locks (q[i],
# q[-1], len, iteration, slices, `in`). Invariants: every token put in is
# taken out exactly once or is still in the list at the end, and a reader
# only ever sees tokens or the sentinel, never a torn or freed object.
import threading

T, N = 4, 20000
q = [("start", k) for k in range(64)]
taken = [[] for _ in range(T)]
barrier = threading.Barrier(2 * T)
stop = []


def producer_consumer(k):
    got = taken[k]
    barrier.wait()
    for i in range(N):
        q.append((k, i))
        if i % 5 == 0:
            q.insert(0, (k, -1 - i))
        try:
            got.append(q.pop(0))
            if i % 7 == 0:
                got.append(q.pop(0))
        except IndexError:
            pass
    stop.append(k)


def reader(k):
    barrier.wait()
    seen = 0
    while len(stop) < T:
        n = len(q)
        for i in (0, n // 2, n - 1, -1):
            try:
                x = q[i]
            except IndexError:
                continue
            assert type(x) is tuple and len(x) == 2, x
            seen += 1
        for x in q[:8]:
            assert type(x) is tuple, x
        for x in q:
            assert type(x) is tuple, x
            break
        ("start", k) in q
    return seen


threads = [threading.Thread(target=producer_consumer, args=(k,)) for k in range(T)]
threads += [threading.Thread(target=reader, args=(k,)) for k in range(T)]
for t in threads:
    t.start()
for t in threads:
    t.join()
everything = [x for got in taken for x in got] + q
assert len(everything) == len(set(everything)), "a token was taken twice"
expected = {("start", k) for k in range(64)}
for k in range(T):
    for i in range(N):
        expected.add((k, i))
        if i % 5 == 0:
            expected.add((k, -1 - i))
assert set(everything) == expected, len(set(everything) ^ expected)
print("ok")

# Many threads call next() on one generator. A generator runs in one thread at
# a time: a thread that finds it running gets
# "ValueError: generator already executing" (as on CPython) and tries again.
# Invariant: every value the generator yields reaches exactly one thread.
import threading

T, N = 4, 20000


def numbers():
    for i in range(N):
        yield i


g = numbers()
got = [[] for _ in range(T)]
busy = [0] * T
barrier = threading.Barrier(T)


def worker(k):
    barrier.wait()
    while True:
        try:
            got[k].append(next(g))
        except StopIteration:
            return
        except ValueError as e:
            assert str(e) == "generator already executing", e
            busy[k] += 1


threads = [threading.Thread(target=worker, args=(k,)) for k in range(T)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert sorted(x for part in got for x in part) == list(range(N))
print("ok")

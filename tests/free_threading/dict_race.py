# Many threads store, delete and iterate one dict (and one instance __dict__).
# Invariants: each thread's own keys all arrive with the right values; keys
# written by several threads hold one of the written values; iterating while
# others resize raises RuntimeError or completes, never crashes.
import threading

T, N = 4, 20000
d = {}
hot = {i: -1 for i in range(64)}
barrier = threading.Barrier(T)
errors = []


def worker(k):
    barrier.wait()
    for i in range(N):
        d[(k, i)] = i
        hot[i % 64] = k
        hot.pop(64 + i % 13, None)
        hot[64 + (i + k) % 13] = k
        hot.get(i % 7)
        if i % 200 == 0:
            try:
                for key in hot:
                    pass
                sorted(hot.items())
            except RuntimeError as e:
                errors.append(str(e))
            hot.update({100 + k: i})
            hot.setdefault(200 + k, i)


threads = [threading.Thread(target=worker, args=(k,)) for k in range(T)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert len(d) == T * N, len(d)
assert all(d[(k, i)] == i for k in range(T) for i in range(N))
assert all(hot[i] in range(T) for i in range(64))
assert len(set(hot)) == len(hot), "a key is in the dict twice"
assert all(e == "dictionary changed size during iteration" for e in errors), errors[:3]
print("ok")

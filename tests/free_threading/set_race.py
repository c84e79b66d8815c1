# Many threads add to, discard from and iterate one set.
# Invariants: each thread's own elements all arrive; the set never holds an
# element nobody added; iteration during resizing raises RuntimeError or ends.
import threading

T, N = 4, 20000
s = set()
hot = set(range(50))
barrier = threading.Barrier(T)


def worker(k):
    barrier.wait()
    for i in range(N):
        s.add((k, i))
        hot.add(i % 50)
        hot.discard((i + 1) % 50)
        (i % 50) in hot
        if i % 300 == 0:
            try:
                list(hot)
                for x in hot:
                    pass
            except RuntimeError as e:
                assert str(e) == "Set changed size during iteration", e
            hot.update({50 + k})


threads = [threading.Thread(target=worker, args=(k,)) for k in range(T)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert len(s) == T * N, len(s)
assert s == {(k, i) for k in range(T) for i in range(N)}
assert hot <= set(range(50 + T)), hot
assert len(set(list(hot))) == len(hot), "an element is in the set twice"
print("ok")

# Many threads append, insert, pop, slice and sort one list at once.
# Invariants: appends are never lost, every element is an int the program put
# there, and the list stays usable.
import threading

T, N = 4, 20000
shared = []
mixed = list(range(100))
barrier = threading.Barrier(T)


def worker(k):
    barrier.wait()
    for i in range(N):
        shared.append(k * N + i)
        mixed.append(i)
        mixed.insert(i % 7, k)
        try:
            mixed.pop()
            mixed.pop(0)
            del mixed[i % 3]
        except IndexError:
            pass
        mixed[-3:] = [1, 2]
        try:
            mixed[i % 50] = k
            mixed.remove(k)
        except (ValueError, IndexError):
            pass
        if i % 500 == 0:
            mixed.sort()
            mixed.reverse()
            mixed.extend(mixed[:3])
        len(mixed)
        k in mixed[:10]


threads = [threading.Thread(target=worker, args=(k,)) for k in range(T)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert len(shared) == T * N, len(shared)
assert sorted(shared) == list(range(T * N))
assert all(type(x) is int for x in mixed)
mixed.sort()
print("ok")

# Threads copy a dict (dict(d), d.copy(), {}.update(d), update into a full
# dict) and join a list of strings while other threads mutate them.
# Invariants: a copy never holds a key twice and only values some thread
# wrote; a join sees only strings that were in the list (whole, never torn)
# or raises no error at all; the originals end up exactly as their writers
# left them.
import threading

T, N = 4, 4000
shared = {i: 0 for i in range(40)}
words = ["w%d" % i for i in range(30)]
barrier = threading.Barrier(T)
problems = []


def mutator(k):
    for i in range(N):
        shared[i % 40] = k
        shared.pop(40 + (i + k) % 17, None)
        shared[40 + (i * 7 + k) % 17] = k
        words[i % 30] = "w%d" % (i % 30)
        if i % 50 == 0:
            words.append("tail")
            words.pop()


def copier(k):
    for i in range(N // 4):
        for c in (dict(shared), shared.copy(), {}.update(shared) or None):
            if c is None:
                continue
            keys = list(c)
            if len(keys) != len(set(keys)):
                problems.append("duplicate key in a copy")
            if any(v not in range(T) for v in c.values()):
                problems.append("foreign value in a copy")
        full = {-1: -1, 3: "x"}
        full.update(shared)
        if full[-1] != -1 or full[3] not in range(T):
            problems.append("update into a full dict")
        j = ",".join(words)
        for w in j.split(","):
            if w not in ("tail",) and not (w.startswith("w") and w[1:].isdigit()):
                problems.append("torn word %r" % w)


def worker(k):
    barrier.wait()
    if k % 2:
        mutator(k)
    else:
        copier(k)


threads = [threading.Thread(target=worker, args=(k,)) for k in range(T)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not problems, problems[:3]
assert all(shared[i] in range(T) for i in range(40))
assert words == ["w%d" % i for i in range(30)], words
print("ok")

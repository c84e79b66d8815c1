# Threads race weak reference dereferences against other threads dropping
# the last strong reference, and share one WeakValueDictionary.
# Producers keep replacing the objects in a shared table of strong
# references (the old object dies on the producer's thread, often while a
# reader holds only a weak reference to it); readers dereference the
# published weak references, hash and compare them. Every object also has a
# weak reference with a callback, kept alive in a per-thread list, which
# records its death.
# Invariants: a dereference returns None or the very object it was made for,
# intact (never a dead or reused one); every object's callback runs exactly
# once when it dies (never twice); the shared WeakValueDictionary only ever
# returns the value stored under its key; no crash or hang.
import gc
import threading
import weakref

T, N, SLOTS = 4, 3000, 32
barrier = threading.Barrier(T)
strong = [None] * SLOTS
published = [None] * SLOTS
ephemeral = [None] * SLOTS
shared = weakref.WeakValueDictionary()
died = []
errors = []
callback_refs = [[] for _ in range(T)]


class Box:
    def __init__(self, n):
        self.n = n
        self.tag = ("box", n)

    def __hash__(self):
        return self.n

    def __eq__(self, other):
        return isinstance(other, Box) and other.n == self.n


def on_death(w):
    died.append(w.n)


class Tagged(weakref.ref):
    pass


def produce(t, i):
    n = t * N + i
    b = Box(n)
    w = Tagged(b, on_death)
    w.n = n
    callback_refs[t].append(w)
    k = (i * 7 + t) % SLOTS
    strong[k] = b  # drops the previous object of this slot: it may die here
    published[k] = (weakref.ref(b), n)
    shared[n % 64] = b
    if i % 5 == 0:
        strong[(k + 3) % SLOTS] = None
    # An object whose only strong reference is this local: it dies on this
    # thread at `del`, while readers may be dereferencing its weak reference.
    e = Box(-n - 1)
    ephemeral[k] = (weakref.ref(e), -n - 1)
    for _ in range(3):
        e.tag = ("box", e.n)
    del e


def check(i):
    k = (i * 5) % SLOTS
    entry = published[k]
    if entry is not None:
        r, n = entry
        o = r()
        if o is not None:
            if o.n != n or o.tag != ("box", n):
                errors.append(("wrong referent", n, o.n))
            elif hash(r) != n:
                errors.append(("hash", n))
            elif not (r == weakref.ref(o)):
                errors.append(("eq", n))
    entry = ephemeral[(i * 3) % SLOTS]
    if entry is not None:
        r, n = entry
        o = r()
        if o is not None and (o.n != n or o.tag != ("box", n)):
            errors.append(("wrong ephemeral referent", n, o.n))
    key = i % 64
    v = shared.get(key)
    if v is not None and v.n % 64 != key:
        errors.append(("wvd", key, v.n))


def work(t):
    barrier.wait()
    for i in range(N):
        if t % 2 == 0:
            produce(t, i)
            if i % 2:
                check(i)
        else:
            check(i)
            if i % 3 == 0:
                produce(t, i)
        if i % 1000 == 999:
            gc.collect()


threads = [threading.Thread(target=work, args=(t,)) for t in range(T)]
for th in threads:
    th.start()
for th in threads:
    th.join()
made = sum(len(c) for c in callback_refs)
del strong  # (emptying it in place would retire the values for a QSBR grace period)
published[:] = [None] * SLOTS
ephemeral[:] = [None] * SLOTS
gc.collect()
# Values replaced in shared containers by threads that have ended wait in
# their QSBR lists for a grace period, so not every object is dead yet:
# those that are must have had their callback queued, and the collection
# runs what is queued.
dead = [w.n for c in callback_refs for w in c if w() is None]
gc.collect()
got = set(died)
if errors:
    print("errors:", errors[:5])
elif len(got) != len(died):
    print("a callback ran twice:", len(died) - len(got))
elif not set(dead) <= got:
    print("callbacks missing:", sorted(set(dead) - got)[:5])
elif len(dead) < made // 2:
    print("too few objects died:", len(dead), "of", made)
elif not got <= set(w.n for c in callback_refs for w in c):
    print("a callback for an unknown object")
elif any(v.n % 64 != k for k, v in list(shared.items())):
    print("WeakValueDictionary entry under the wrong key")
else:
    print("ok")

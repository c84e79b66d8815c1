# Isolated interpreters on their own threads pass tokens around a ring of
# queues while the main interpreter injects and collects them, and other
# interpreters are created, used and closed concurrently. Invariants: every
# token arrives exactly once with its payload intact (ints, big ints, floats,
# strs, bytes, tuples and lists that are copied or shared), each interpreter
# sees only its own globals, and closing never disturbs the others.
import threading
from concurrent import interpreters

K, N = 6, 4000
queues = [interpreters.create_queue() for _ in range(K)]
done = interpreters.create_queue()
interps = [interpreters.create() for _ in range(K)]
for k, it in enumerate(interps):
    it.prepare_main(inq=queues[k], outq=queues[(k + 1) % K], done=done, me=k, n=N)
    it.exec("hops = 0\nSECRET = me * 1000")

WORKER = """
while True:
    tok = inq.get()
    if tok is None:
        outq.put(None)
        break
    origin, i, left, payload = tok
    assert SECRET == me * 1000
    hops += 1
    if left == 0:
        done.put((origin, i, payload))
    else:
        outq.put((origin, i, left - 1, payload))
"""

threads = [threading.Thread(target=it.exec, args=(WORKER,)) for it in interps]
for t in threads:
    t.start()


def churn():
    for j in range(30):
        tmp = interpreters.create()
        tmp.prepare_main(j=j)
        tmp.exec("x = [j] * 10\nassert sum(x) == 10 * j")
        tmp.close()


churner = threading.Thread(target=churn)
churner.start()


def payload(i):
    return (i, 2**70 + i, i / 4, "s%d" % i, b"b%d" % i, [i, (i, "x")], {"k": i})


for i in range(N):
    queues[i % K].put((i % K, i, (i % 5) + 1, payload(i)))
got = {}
for _ in range(N):
    origin, i, p = done.get(timeout=30)
    assert i not in got, ("twice", i)
    assert p == payload(i), (i, p)
    got[i] = origin
queues[0].put(None)
for t in threads:
    t.join()
churner.join()
assert sorted(got) == list(range(N))
total = 0
for k, it in enumerate(interps):
    it.exec("done.put(hops)")
    total += done.get()
assert total == sum((i % 5) + 2 for i in range(N)), total  # one hop per receipt
for it in interps:
    it.close()
assert [i.id for i in interpreters.list_all()] == [0]
print("ok")

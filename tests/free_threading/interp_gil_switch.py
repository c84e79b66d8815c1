# The GIL comes on while isolated interpreters run: threads of the main
# interpreter run code in other interpreters (making cyclic garbage, so
# each interpreter's collector runs), threads started inside them do the
# same, and the main thread imports a module that needs the GIL, which
# stops every interpreter's threads. Invariants: every interpreter's work
# completes with its exact result, and the GIL is on afterwards; no crash
# or hang. (Like gil_switch_race.py, for the free-threaded mode with the
# GIL off at start.)
import sys
import threading

from concurrent import interpreters

T, N = 4, 20000
K = 3

WORK = """
def work(n):
    total = 0
    for i in range(n):
        a = [i]
        b = [a]
        a.append(b)
        total += i
    return total

results = []
inner = [
    threading.Thread(target=lambda: results.append(work(n)), daemon=False)
    for _ in range(threads)
]
for th in inner:
    th.start()
results.append(work(n))
for th in inner:
    th.join()
"""

interps = [interpreters.create() for _ in range(K)]
for it in interps:
    it.prepare_main(n=N, threads=T // 2)
    it.exec("import threading")
outer = [threading.Thread(target=it.exec, args=(WORK,)) for it in interps]
for th in outer:
    th.start()
before = sys._is_gil_enabled()
import _legacy_extension  # noqa: E402,F401  (turns the GIL on)
for th in outer:
    th.join()
q = interpreters.create_queue()
for it in interps:
    it.prepare_main(q=q)
    it.exec("q.put(results)")
    got = q.get(timeout=30)
    assert got == [sum(range(N))] * (T // 2 + 1), got
    it.close()
assert not before
assert sys._is_gil_enabled()
print("ok")

# Isolated interpreters collect at the same time: in each, a thread of the
# main interpreter (which enters it through exec) and threads started inside
# it make reference cycles, replace items of a shared list and clear it, and
# call gc.collect(), while the main thread moves in and out of every
# interpreter. Each instance's __del__ records which interpreter runs it.
# Invariants: every instance is finalized exactly once, always in the
# interpreter that made it (never in the main one or a sibling), and each
# interpreter's globals stay its own; no crash or hang.
import threading
from concurrent import interpreters

T, N = 4, 3000
K = 3

SETUP = """
import gc
import sys
import threading

made = [0]
finalized = []
wrong = []
count_lock = threading.Lock()


class Node:
    def __init__(self, n):
        self.n = n
        self.peer = None
        with count_lock:
            made[0] += 1

    def __del__(self):
        # The interpreter that runs the finalizer: an import finds its
        # sys.modules (the global `sys` is always this interpreter's).
        import sys as running

        here = getattr(running.modules["__main__"], "ME", None)
        if here != ME:
            wrong.append(here)
        finalized.append(self.n)


shared = [None] * 16


def work(base):
    for i in range(n):
        a = Node(base + 3 * i)
        b = Node(base + 3 * i + 1)
        a.peer = b
        b.peer = a
        shared[i % len(shared)] = Node(base + 3 * i + 2)
        if i % 200 == 0:
            shared[:] = [None] * len(shared)
            gc.collect()
    del a, b
"""

WORK = """
inner = [
    threading.Thread(target=work, args=((t + 1) * 10**7,), daemon=False)
    for t in range(threads)
]
for th in inner:
    th.start()
work(0)
for th in inner:
    th.join()
"""

interps = [interpreters.create() for _ in range(K)]
for k, it in enumerate(interps):
    it.prepare_main(ME=k, n=N, threads=T // 2)
    it.exec(SETUP)

main_shared = [None] * 16


def visit(it):
    it.exec(WORK)
    # Back in the main interpreter, replace items of a list of its own:
    # frees this thread deferred while it ran in `it` must not run here.
    for i in range(2000):
        main_shared[i % 16] = [i]


outer = [threading.Thread(target=visit, args=(it,)) for it in interps]
for th in outer:
    th.start()
# Meanwhile the main thread visits the interpreters not running (each runs
# one exec at a time) with work of its own.
hops = 0
while any(th.is_alive() for th in outer):
    for it in interpreters.list_all():
        if it.id != 0 and not it.is_running():
            try:
                it.exec("gc.collect()")
                hops += 1
            except interpreters.InterpreterError:
                pass
    tmp = interpreters.create()
    tmp.exec("x = [[i] for i in range(100)]\nx.clear()")
    tmp.close()
for th in outer:
    th.join()

results = interpreters.create_queue()
for k, it in enumerate(interps):
    it.prepare_main(results=results)
    it.exec(
        "shared[:] = [None] * len(shared)\n"
        "gc.collect()\ngc.collect()\n"
        "results.put((made[0], len(finalized), len(set(finalized)), len(wrong)))"
    )
    made, fin, distinct, wrong = results.get(timeout=30)
    assert made == 3 * N * (T // 2 + 1), (k, "work did not run", made)
    assert wrong == 0, (k, "finalized in another interpreter", wrong)
    assert fin == distinct, (k, "finalized twice", fin - distinct)
    assert fin == made, (k, "not finalized", made - fin)
for it in interps:
    it.close()
print("ok")

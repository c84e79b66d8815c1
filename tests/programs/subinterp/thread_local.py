# subinterp: threading.local in several interpreters: each interpreter's instances keep one value per thread, independent of the main interpreter's, across interpreters created and closed in turn
import threading

from _interp_compat import interpreters

loc = threading.local()
loc.x = "main"

CODE = """
import threading
loc = threading.local()
loc.x = ("sub", k)
seen = []
def f(i):
    try:
        loc.x
        seen.append("leaked")
    except AttributeError:
        seen.append("fresh")
    loc.x = i
    for _ in range(1000):
        assert loc.x == i
    seen.append(loc.x)
ts = [threading.Thread(target=f, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
q.put((loc.x, sorted(seen, key=str)))
"""

q = interpreters.create_queue()
for k in range(3):
    it = interpreters.create()
    it.prepare_main(k=k, q=q)
    it.exec(CODE)
    print(k, q.get())
    it.close()
# The main interpreter's instance is untouched, and its own threads start
# without a value.
print(loc.x)
out = []
t = threading.Thread(target=lambda: out.append(hasattr(loc, "x")))
t.start()
t.join()
print(out)

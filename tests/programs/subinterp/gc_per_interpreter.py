# subinterp: each interpreter has its own cycle collector: gc.disable(), gc.collect() and gc.get_count() act on the calling interpreter's heap only
import gc

from _interp_compat import interpreters

q = interpreters.create_queue()
a = interpreters.create()
a.prepare_main(q=q)

# gc.disable() in main leaves a's collector on, and the other way round
gc.disable()
a.exec("""if True:
    import gc
    q.put(gc.isenabled())
    gc.disable()
""")
print('main enabled:', gc.isenabled(), '| a enabled:', q.get())
gc.enable()
a.exec("q.put(gc.isenabled())")
print('main enabled:', gc.isenabled(), '| a still disabled:', not q.get())


class Node:
    pass


def make_cycles(n):
    for i in range(n):
        x = Node()
        x.me = x


gc.collect()
make_cycles(100)
# a's collection finds a's 30 cycles and none of main's 100
a.exec("""if True:
    class Node:
        pass
    gc.collect()
    for i in range(30):
        x = Node()
        x.me = x
    del x
    found = gc.collect()
    q.put((found >= 30, found < 100))
""")
print("a found its own cycles, not main's:", q.get())
found = gc.collect()
print('main found its own cycles:', found >= 100)

# many cycles in a, collected automatically there, leave main's count alone
before = gc.get_count()[0]
a.exec("""if True:
    gc.enable()
    for i in range(20000):
        x = Node()
        x.me = x
    del x
    gc.collect()
    q.put(gc.collect())
""")
print('a collected everything:', q.get() == 0)
print('main count unchanged by a:', gc.get_count()[0] - before < 50)
a.close()

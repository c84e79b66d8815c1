# cyclic garbage with weak references: the collector clears them before freeing, and runs only the callbacks of weak references that are not garbage themselves
import gc
import weakref

gc.disable()


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None


log = []

# a two-node cycle, weak references from outside with callbacks
a, b = Node("a"), Node("b")
a.other, b.other = b, a
ra = weakref.ref(a, lambda w: log.append("ra"))
rb = weakref.ref(b, lambda w: log.append("rb"))
plain = weakref.ref(a)
del a, b
print(ra() is not None, plain().name)
n = gc.collect()
print(n >= 2, ra(), rb(), plain(), sorted(log))

# a weak reference that is part of the garbage: its callback does not run
log.clear()
c = Node("c")
c.other = c
c.self_ref = weakref.ref(c, lambda w: log.append("inner"))
outer = weakref.ref(c, lambda w: log.append("outer"))
del c
gc.collect()
print(log, outer())

# a callback that is garbage along with its weak reference's referent
log.clear()
d = Node("d")
d.other = d


def callback(w, d=d):
    log.append("callback holding the referent")


rd = weakref.ref(d, callback)
del d, callback
gc.collect()
print(log, rd() is not None)  # the callback (reachable through rd) keeps d alive

# a weak reference held only by garbage, to a live object
log.clear()
live = Node("live")
e = Node("e")
e.other = e
e.wr = weakref.ref(live, lambda w: log.append("never"))
del e
gc.collect()
print(weakref.getweakrefcount(live), log)
del live
print(log)

# __del__ in a cycle: weak references are cleared before it runs
seen = []


class Fin:
    def __del__(self):
        seen.append(("del", rf()))


f = Fin()
f.me = f
rf = weakref.ref(f, lambda w: seen.append(("callback", w())))
del f
gc.collect()
print(seen)

# many cycles
refs = []
for i in range(200):
    x = Node(i)
    x.other = Node(-i)
    x.other.other = x
    refs.append(weakref.ref(x))
del x
gc.collect()
print(sum(1 for r in refs if r() is None))
gc.enable()

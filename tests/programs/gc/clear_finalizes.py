# Clearing a container gives up its items: their finalizers run no later
# than the next gc.collect(), also once threads have run (in free-threaded
# mode the items of a container other threads could be reading are let go
# after a grace period, which a collection ends for what is safe to free).
import gc
import threading

log = []


class Tracked:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        log.append(self.n)


def check(what):
    gc.collect()
    print(what, sorted(log))
    log.clear()


check("before any thread")
t = threading.Thread(target=lambda: None)
t.start()
t.join()

items = [Tracked(i) for i in range(5)]
items.clear()
check("list.clear")

items = [Tracked(i) for i in range(5, 8)]
del items[:]
check("del list[:]")

items = [Tracked(8), Tracked(9)]
items[0] = None
items[1] = None
check("list item replaced")

d = {i: Tracked(10 + i) for i in range(3)}
d.clear()
check("dict.clear")

d = {"a": Tracked(13)}
d["a"] = None
check("dict value replaced")

s = {Tracked(14)}
s.clear()
check("set.clear")

holder = Tracked(-1)
holder.attr = Tracked(15)
holder.attr = None
check("attribute replaced")
del holder
check("holder deleted")


def worker(out):
    local = [Tracked(100 + i) for i in range(3)]
    local.clear()
    gc.collect()
    out.append(sorted(x for x in log if x >= 100))


out = []
t = threading.Thread(target=worker, args=(out,))
t.start()
t.join()
print("in a thread", out)
log.clear()

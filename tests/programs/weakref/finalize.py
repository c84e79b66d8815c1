# weakref.finalize: called once (on death, on call, or at exit), detach, peek, alive, atexit
import gc
import weakref


class Res:
    def __init__(self, name):
        self.name = name


def report(*args, **kwargs):
    print("finalizer", args, sorted(kwargs.items()))
    return "result"


r = Res("r")
f = weakref.finalize(r, report, "r", 1, flag=True)
print(f.alive, f.atexit, f.peek()[0] is r, f.peek()[1] is report, f.peek()[2:])
del r
print("after del", f.alive, f.peek(), f())

r = Res("r2")
f = weakref.finalize(r, report, "r2")
print(f(), f.alive, f(), f.alive)
del r
print("no second call")

r = Res("r3")
f = weakref.finalize(r, report, "r3")
obj, func, args, kwargs = f.detach()
print(obj is r, func is report, args, kwargs, f.alive, f.detach())
del r
print("detached: nothing ran")

# a cycle with a finalizer is collected by the collector
a = Res("a")
a.me = a
fa = weakref.finalize(a, print, "cycle collected")
del a
gc.collect()
print("alive after collect:", fa.alive)


# finalizers of a method's object
class Conn:
    def __init__(self):
        self._fin = weakref.finalize(self, Conn._close, "conn")

    @staticmethod
    def _close(label):
        print("closing", label)

    def close(self):
        self._fin()


c = Conn()
c.close()
c.close()
del c
c = Conn()
del c

# at exit, alive finalizers with atexit set run, newest first
keep1 = Res("keep1")
keep2 = Res("keep2")
keep3 = Res("keep3")
weakref.finalize(keep1, print, "exit: keep1")
weakref.finalize(keep2, print, "exit: keep2")
f3 = weakref.finalize(keep3, print, "exit: keep3 (not run)")
f3.atexit = False
print(f3.atexit)
print("end of program")

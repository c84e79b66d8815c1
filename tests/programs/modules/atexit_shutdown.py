# At exit: the atexit handlers run (last registered first, with their
# arguments; a failing one is reported on stderr and the rest still run;
# unregistered ones do not), then the __main__ namespace is cleared (names
# with one leading underscore first), which runs the __del__ of the objects
# the program kept in globals. Threads are joined before all that.
# (The order of __del__ calls follows the names' order in the namespace;
# CPython's finalization can differ for objects reachable in other ways.)
import atexit
import threading


class Kept:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def bye(who, punct="!"):
    print("bye", who + punct)


def fail():
    raise ValueError("in atexit")


@atexit.register
def decorated():
    print("decorated handler")


atexit.register(bye, "world")
atexit.register(fail)
atexit.register(bye, "again", punct="?")
atexit.register(print, "never printed")
atexit.unregister(print)
print("callable check:", end=" ")
try:
    atexit.register(42)
except TypeError as e:
    print("TypeError:", e)

t = threading.Thread(target=print, args=("thread ran",))
t.start()
t.join()
_private = Kept("_private")
z = Kept("z")
a = Kept("a")
cycle = Kept("cycle")
cycle.me = cycle
print("end of program")

"""What crosses between interpreters, and how: shared, copied or refused.

Every value sent to another interpreter goes through a queue (or
prepare_main, or call's arguments and result). For each value below, the
program sends it to a subinterpreter, which sends it straight back, and
prints what came back: the same object, an equal copy, or a refusal.

Run:  gilgamesh docs/examples/interp_crossing.py
      gilgamesh run --mode nogil docs/examples/interp_crossing.py
On CPython 3.13 (the 3.14 API rebuilt over 3.13's _interpreters by a test helper,
which pickles every queue item as 3.13 does):
      PYTHONPATH=tests/programs/subinterp python3.13 docs/examples/interp_crossing.py
"""
import threading

try:
    from concurrent import interpreters      # gilgamesh, CPython 3.14+
except ImportError:                           # CPython 3.13: the 3.14 API rebuilt over
    from _interp_compat import interpreters  # _interpreters (tests/programs/subinterp/)


class Point:
    """A plain class: crosses by copy, looked up by name in the receiver."""

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)

    def __eq__(self, other):
        return type(other) is Point and (self.x, self.y) == (other.x, other.y)


def print_point(p):
    print(p)


class Custom:
    """A class with its own pickling hook: refused (no Python code runs while
    a message is encoded, so the hook cannot be honoured)."""

    def __reduce__(self):
        return (Custom, ())


class MyList(list):
    """A subclass of a built-in type: refused."""


to_sub = interpreters.create_queue()
from_sub = interpreters.create_queue()
echo = interpreters.create()
echo.prepare_main(to_sub=to_sub, from_sub=from_sub)
# The receiver needs its own class named Point in its __main__, as pickle would.
echo.exec("""if True:
    class Point:
        def __init__(self, x, y):
            self.x, self.y = x, y
        def __repr__(self):
            return "Point(%r, %r)" % (self.x, self.y)
""")
echo.exec("""if True:
    import threading
    def serve():
        while True:
            v = to_sub.get()
            if v == "stop":
                break
            from_sub.put(v)
    threading.Thread(target=serve).start()
""")

word = "".join(["cross", "ing"])      # a str made at run time (not a constant)
values = [
    ("None", None),
    ("small int", 7),
    ("str constant", "hello"),
    ("str made at run time", word),
    ("float constant", 2.5),
    ("float made at run time", float("2.5")),
    ("big int", 2 ** 100),
    ("tuple constant", (1, "a", None)),
    ("tuple made at run time", tuple([1, "a", None])),
    ("list", [1, 2, 3]),
    ("dict", {"k": [1, 2]}),
    ("set", {1, 2}),
    ("instance of a plain class", Point(1, 2)),
]
print("%-28s %-13s %s" % ("value", "came back", "as"))
for label, v in values:
    to_sub.put(v)
    back = from_sub.get()
    if back is v:
        how = "same object"
    elif back == v:
        how = "equal copy"
    else:
        how = "different!"
    print("%-28s %-13s %r" % (label, how, back))

# Refusals are raised by put() in the sender (tried on a queue of our own).
local = interpreters.create_queue()
for label, v in [("function", print_point), ("lambda", lambda: 1),
                 ("lock", threading.Lock()), ("class with __reduce__", Custom()),
                 ("list subclass", MyList([1]))]:
    try:
        local.put(v)
        local.get()
        print("%-28s accepted" % label)
    except interpreters.NotShareableError as e:
        print("%-28s refused       %s (%s)" % (label, type(e).__name__, type(v).__name__))

# Identity within one message is kept; across messages it is not.
a = [1, 2]
to_sub.put((a, a))
pair = from_sub.get()
print("one message (a, a): same list twice:", pair[0] is pair[1])
to_sub.put(a)
to_sub.put(a)
print("two messages a, a: same list twice:", from_sub.get() is from_sub.get())

# A cycle arrives as a cycle.
loop = [0]
loop.append(loop)
to_sub.put(loop)
back = from_sub.get()
print("cycle: back[1] is back:", back[1] is back)

# The copy is taken at put: later changes do not travel.
items = [1, 2]
to_sub.put(items)
items.append(3)
print("changed after put, received:", from_sub.get())

to_sub.put("stop")
echo.close()

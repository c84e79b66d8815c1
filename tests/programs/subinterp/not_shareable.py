# subinterp: NotShareableError (a TypeError) from prepare_main and Queue.put; its message names the value; is_shareable
from _interp_compat import interpreters

NSE = interpreters.NotShareableError
print("NotShareableError is a TypeError:", issubclass(NSE, TypeError))
print("NotShareableError is a ValueError:", issubclass(NSE, ValueError))
print("NotShareableError is an InterpreterError:", issubclass(NSE, interpreters.InterpreterError))

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)

class Plain:
    pass

class Unpicklable:
    def __reduce__(self):
        raise TypeError("Unpicklable objects cannot be pickled")
    def __repr__(self):
        return "Unpicklable()"

print("is_shareable:", [interpreters.is_shareable(v) for v in
                        [None, True, 1, 2.5, "s", b"b", (1, "a"), ()]])
print("not is_shareable:", [interpreters.is_shareable(v) for v in
                            [[1], {}, {1}, Point(1, 2), Plain(), len, lambda: 1,
                             bytearray(b"x"), 1j, object()]])
print("queues are shareable:", interpreters.is_shareable(interpreters.create_queue()))

interp = interpreters.create()
q = interpreters.create_queue()
interp.prepare_main(q=q)

SUFFIX = " does not support cross-interpreter data"
# values whose repr is deterministic: the message is exact
for value in [[1, 2], {"a": 1}, {3}, Point(1, 2), 2 ** 100, -(2 ** 63) - 1, (1, [2]), 1j]:
    try:
        interp.prepare_main(value=value)
        print("prepare_main accepted", repr(value))
    except NSE as e:
        print("prepare_main refused:", type(e).__name__, "|", e)

# values whose repr holds an address: the message names the type
for value, name in [(Plain(), "Plain object at"), (lambda: 1, "function <lambda> at"),
                    (object(), "object object at"), (len, "built-in function len")]:
    try:
        interp.prepare_main(value=value)
        print("prepare_main accepted", name)
    except TypeError as e:
        print("prepare_main refused:", type(e).__name__, "| names it:", name in str(e),
              "| suffix:", str(e).endswith(SUFFIX))

# a refused prepare_main binds nothing, not even its shareable values
try:
    interp.prepare_main(good=1, bad=[1])
except NSE:
    pass
interp.exec("q.put(('good' in globals(), 'bad' in globals(), 'value' in globals()))")
print("bound after refusal:", q.get())

# Queue.put copies by pickle when needed, and refuses what cannot be pickled
for value in [Unpicklable(), (1, Unpicklable())]:
    try:
        q.put(value)
        print("put accepted", repr(value))
    except NSE as e:
        print("put refused:", type(e).__name__, "|", e)
try:
    q.put_nowait(Unpicklable())
except NSE as e:
    print("put_nowait refused:", type(e).__name__, "|", e)
print("queue still empty:", q.empty())
q.put([1, {"two": (3,)}, frozenset({4})])
print("picklable values are fine:", q.get())

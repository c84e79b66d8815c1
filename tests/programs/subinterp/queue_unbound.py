# subinterp: CPython 3.14's queue unbounditems: items whose interpreter is closed while queued become UNBOUND, raise ItemInterpreterDestroyed or leave the queue
import threading

from _interp_compat import interpreters

queues = interpreters._queues  # concurrent.interpreters._queues in 3.14

# where the sentinels and the exception live
print("_queues exports:", queues.__all__)
print("not in the package:", [n for n in ("UNBOUND", "UNBOUND_ERROR", "UNBOUND_REMOVE",
                                          "ItemInterpreterDestroyed")
                              if hasattr(interpreters, n)])
print("same classes:", interpreters.Queue is queues.Queue,
      interpreters.QueueEmpty is queues.QueueEmpty,
      interpreters.create_queue is queues.create)
print("UNBOUND:", repr(queues.UNBOUND), type(queues.UNBOUND).__name__)
print("three distinct rules:", len({id(queues.UNBOUND), id(queues.UNBOUND_ERROR),
                                    id(queues.UNBOUND_REMOVE)}))
try:
    type(queues.UNBOUND)()
except Exception as e:
    print("UNBOUND's class is not instantiable:", type(e).__name__, "|", e)
err = queues.ItemInterpreterDestroyed
print("ItemInterpreterDestroyed:", err.__name__, err.__module__,
      "| QueueError:", issubclass(err, queues.QueueError),
      "| RuntimeError:", issubclass(err, RuntimeError),
      "| InterpreterError:", issubclass(err, interpreters.InterpreterError))

# a queue's default rule, and the per-put rule
q = interpreters.create_queue()
print("default unbounditems is UNBOUND:", q.unbounditems is queues.UNBOUND)
for name in ("UNBOUND", "UNBOUND_ERROR", "UNBOUND_REMOVE"):
    op = getattr(queues, name)
    print("create_queue(unbounditems=%s).unbounditems is %s:" % (name, name),
          interpreters.create_queue(unbounditems=op).unbounditems is op)


def filled(queue, script):
    """A new interpreter that ran `script` with `queue` bound to `q`."""
    interp = interpreters.create()
    interp.prepare_main(q=queue)
    interp.exec("from concurrent.interpreters import _queues as queues\n" + script)
    return interp


def drain(queue):
    """Everything left in `queue`, each item or the exception get() raised."""
    out = []
    while True:
        try:
            item = queue.get_nowait()
        except interpreters.QueueEmpty:
            return out
        except queues.ItemInterpreterDestroyed as e:
            out.append("%s(%s)" % (type(e).__name__, e))
        else:
            out.append("UNBOUND" if item is queues.UNBOUND else item)


# UNBOUND (the default): the item is replaced by the sentinel
q = interpreters.create_queue()
a = filled(q, "q.put(b'spam')\nq.put(b'eggs')\n")
print("put by a live interpreter:", q.qsize(), q.get())
a.close()
print("after close:", q.qsize())
got = q.get()
print("get:", got is queues.UNBOUND, repr(got), q.qsize(), q.empty())
try:
    q.get_nowait()
except interpreters.QueueEmpty as e:
    print("then empty:", type(e).__name__)

# UNBOUND_ERROR as the queue's default: get() raises, and the item is gone
q = interpreters.create_queue(unbounditems=queues.UNBOUND_ERROR)
a = filled(q, "q.put(1)\nq.put(2)\n")
a.close()
print("error queue after close:", q.qsize())
try:
    q.get()
except queues.ItemInterpreterDestroyed as e:
    print("get:", type(e).__name__, "|", e, "| QueueError:", isinstance(e, queues.QueueError))
print("one item taken:", q.qsize())
print("the rest:", drain(q), q.qsize())

# UNBOUND_REMOVE: the items leave the queue when the interpreter closes
q = interpreters.create_queue(unbounditems=queues.UNBOUND_REMOVE)
q.put("ham", unbounditems=queues.UNBOUND_REMOVE)
a = filled(q, "q.put('x')\nq.put('y')\n")
q.put(42, unbounditems=queues.UNBOUND_REMOVE)
print("remove queue before close:", q.qsize())
a.close()
print("after close:", q.qsize(), q.empty(), drain(q), q.qsize(), q.empty())

# every rule in one interpreter, per put, on a queue whose default is UNBOUND
q = interpreters.create_queue()
a = filled(q, """if True:
    q.put(1, unbounditems=queues.UNBOUND)
    q.put(2, unbounditems=queues.UNBOUND_ERROR)
    q.put(3)
    q.put(4, unbounditems=queues.UNBOUND_REMOVE)
    q.put(5, unbounditems=queues.UNBOUND)
    q.put_nowait(6, unbounditems=queues.UNBOUND_REMOVE)
    q.put_nowait(7, unbounditems=queues.UNBOUND_ERROR)
""")
print("mixed before close:", q.qsize())
a.close()
print("mixed after close:", q.qsize(), drain(q))

# a per-put rule overrides the queue's default, both ways
q = interpreters.create_queue(unbounditems=queues.UNBOUND_REMOVE)
a = filled(q, """if True:
    q.put('kept', unbounditems=queues.UNBOUND)
    q.put('dropped')
    q.put('error', unbounditems=queues.UNBOUND_ERROR)
""")
a.close()
print("override of REMOVE:", q.qsize(), drain(q))

# two interpreters: closing one leaves the other's items alone
q = interpreters.create_queue(unbounditems=queues.UNBOUND_ERROR)
a = filled(q, "q.put('a1')\nq.put('a2', unbounditems=queues.UNBOUND_REMOVE)\n")
b = filled(q, "q.put('b1')\nq.put('b2', unbounditems=queues.UNBOUND_REMOVE)\n")
a.close()
print("a closed, b alive:", q.qsize(), drain(q))
b.close()
print("b closed after its items were taken:", q.qsize(), q.empty())

# the items of a still-running interpreter, and the main interpreter's own
q = interpreters.create_queue()
b = filled(q, "q.put('live', unbounditems=queues.UNBOUND_ERROR)\n")
q.put("main-error", unbounditems=queues.UNBOUND_ERROR)
q.put("main-remove", unbounditems=queues.UNBOUND_REMOVE)
q.put("main-default")
other = interpreters.create()
other.close()
print("after closing an interpreter that put nothing:", q.qsize(), drain(q))
b.close()

# the same item crossing twice: it is bound to the interpreter that put it last
q = interpreters.create_queue(unbounditems=queues.UNBOUND_REMOVE)
a = filled(q, "q.put('relayed')\n")
b = filled(q, "q.put(q.get(), unbounditems=queues.UNBOUND)\n")
a.close()
b.close()
print("relayed:", drain(q))

# a queue's default as seen from another interpreter
q = interpreters.create_queue()
a = filled(q, "q.put(repr(q.unbounditems))\n")
print("inside, unbounditems:", q.get())
a.close()

# a bounded queue: removed items free their places at once
q = interpreters.create_queue(2)
a = filled(q, """if True:
    q.put('r1', unbounditems=queues.UNBOUND_REMOVE)
    q.put('r2', unbounditems=queues.UNBOUND_REMOVE)
""")
print("bounded, full:", q.qsize(), q.full())
try:
    q.put_nowait("no room")
except interpreters.QueueFull as e:
    print("put_nowait:", type(e).__name__)
a.close()
print("bounded after close:", q.qsize(), q.full(), q.empty())
q.put_nowait("m1")
q.put("m2", block=False)
print("room again:", q.qsize(), q.full(), drain(q))

# a put waiting on the full queue goes on when the interpreter closes
q = interpreters.create_queue(1)
a = filled(q, "q.put('r', unbounditems=queues.UNBOUND_REMOVE)\n")
t = threading.Thread(target=q.put, args=("late",), kwargs={"timeout": 30})
t.start()
a.close()
t.join()
print("waiting put:", drain(q))

# bad unbounditems values
for bad in ("UNBOUND", 3, None):
    try:
        interpreters.create_queue(unbounditems=bad)
        print("create_queue(unbounditems=%r): no error" % (bad,))
    except Exception as e:
        print("create_queue(unbounditems=%r):" % (bad,), type(e).__name__, "|", e)
q = interpreters.create_queue()
for label, call in [
    ("put", lambda: q.put(1, unbounditems="UNBOUND")),
    ("put block=False", lambda: q.put(1, block=False, unbounditems=2)),
    ("put_nowait", lambda: q.put_nowait(1, unbounditems=1.5)),
]:
    try:
        call()
        print(label, "no error")
    except Exception as e:
        print(label + ":", type(e).__name__, "|", e)
try:
    q.put(1, unbounditems=[queues.UNBOUND])
except TypeError as e:
    print("unhashable unbounditems:", type(e).__name__)
print("nothing was put:", q.qsize())

# "unbounditems" is keyword-only, as in CPython 3.14.
kq = interpreters.create_queue()
for call in (lambda: kq.put(1, True, None, queues.UNBOUND),
             lambda: kq.put_nowait(1, queues.UNBOUND)):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)

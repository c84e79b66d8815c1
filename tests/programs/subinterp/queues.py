# subinterp: create_queue, FIFO put/get, qsize/empty/full/maxsize, QueueEmpty/QueueFull (nowait, block=False, timeout), values crossing between interpreters
import queue

from _interp_compat import interpreters

print("QueueEmpty is queue.Empty:", issubclass(interpreters.QueueEmpty, queue.Empty))
print("QueueFull is queue.Full:", issubclass(interpreters.QueueFull, queue.Full))
print("both are RuntimeErrors:", issubclass(interpreters.QueueEmpty, RuntimeError),
      issubclass(interpreters.QueueFull, RuntimeError))

q = interpreters.create_queue()
print("isinstance Queue:", isinstance(q, interpreters.Queue))
print("id is an int:", type(q.id) is int)
print("repr:", repr(q) == "Queue(%d)" % q.id)
print("Queue(id) is the same object:", interpreters.Queue(q.id) is q)
print("unbounded:", q.maxsize, q.qsize(), q.empty(), q.full())
for i in range(5):
    q.put(i * 10)
print("after 5 puts:", q.qsize(), q.empty(), q.full())
print("FIFO:", [q.get() for _ in range(5)])
print("drained:", q.qsize(), q.empty())

def norm(exc, queue):
    return str(exc).replace(str(queue.id), "<id>")

# a bounded queue
small = interpreters.create_queue(2)
print("maxsize 2 queue:", small.maxsize, small.id != q.id)
small.put("a")
print("one item:", small.qsize(), small.full())
small.put_nowait("b")
print("two items:", small.qsize(), small.full())
for label, op in [("put_nowait", lambda: small.put_nowait("c")),
                  ("put block=False", lambda: small.put("c", block=False)),
                  ("put timeout", lambda: small.put("c", timeout=0.05))]:
    try:
        op()
        print(label, "on full: no error")
    except interpreters.QueueFull as e:
        print(label, "on full:", type(e).__name__, "|", norm(e, small),
              "| catchable as queue.Full:", isinstance(e, queue.Full))
print("still two:", small.qsize(), [small.get(), small.get_nowait()], small.empty())
for label, op in [("get_nowait", lambda: small.get_nowait()),
                  ("get block=False", lambda: small.get(block=False)),
                  ("get timeout", lambda: small.get(timeout=0.05))]:
    try:
        op()
        print(label, "on empty: no error")
    except interpreters.QueueEmpty as e:
        print(label, "on empty:", type(e).__name__, "|", norm(e, small),
              "| catchable as queue.Empty:", isinstance(e, queue.Empty))

# an item is copied when it is put: later changes to the original do not travel
items = [1, 2]
q.put(items)
items.append(3)
got = q.get()
print("copied at put:", got, got is items)

# values crossing into a subinterpreter and back
inbox = interpreters.create_queue()
outbox = interpreters.create_queue()
echo = interpreters.create()
echo.prepare_main(inbox=inbox, outbox=outbox)
values = [
    0, -5, 2 ** 100, -(3 ** 70), 3.25, float("inf"), "text", "", b"bytes", b"",
    None, True, False, (1, (2, "x")), (), [1, [2, "y"]], {"k": [1, 2], 3: None},
    {4, 5}, frozenset({6}), 1 + 2j, bytearray(b"ba"), range(2, 9, 3), slice(1, 5),
]
for v in values:
    inbox.put(v)
echo.exec("""if True:
    for _ in range(%d):
        value = inbox.get()
        outbox.put((type(value).__name__, value))
""" % len(values))
for v in values:
    type_name, back = outbox.get()
    print("crossed:", type_name, repr(back), back == v and type(back) is type(v))

# one queue used from both sides: main sends work, the subinterpreter answers
work = interpreters.create_queue()
results = interpreters.create_queue()
worker = interpreters.create()
worker.prepare_main(work=work, results=results)
for n in [3, 1, 4, 1, 5]:
    work.put(n)
work.put(None)
worker.exec("""if True:
    while True:
        n = work.get()
        if n is None:
            break
        results.put((n, n * n))
    results.put(('worker saw work empty', work.empty()))
""")
print("answers:", [results.get() for _ in range(6)])

# a queue can itself travel through a queue
carrier = interpreters.create_queue()
carrier.put(work)
print("queue through a queue:", carrier.get().id == work.id)
worker.prepare_main(carrier=carrier)
carrier.put(results)
worker.exec("inner = carrier.get()\ninner.put('sent on a queue that came through a queue')")
print(results.get())

# queues inside containers cross as the receiver's own queue objects
inner = interpreters.create_queue()
for value in [(inner, 1), [inner], {"q": inner}]:
    q.put(value)
    got = q.get()
    item = got["q"] if isinstance(got, dict) else got[0]
    print("nested queue:", type(got).__name__, item is inner, item.id == inner.id)
sub = interpreters.create()
sub.prepare_main(pair=(inner, 41))
sub.exec("pair[0].put(pair[1] + 1)")
print("through a tuple into a subinterpreter:", inner.get())
sub.close()

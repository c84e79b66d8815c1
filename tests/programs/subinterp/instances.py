# subinterp: instances of plain classes cross by copy (class by name, state copied), identity and cycles kept within one message, slots, missing classes, classes that cannot cross
from _interp_compat import interpreters

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)
    def __eq__(self, other):
        return type(other) is Point and (self.x, self.y) == (other.x, other.y)

class Box:
    class Inner:
        pass

q = interpreters.create_queue()

# within one interpreter: a copy, equal, of the same class, with copied state
p = Point(1, [2, 3])
q.put(p)
r = q.get()
print("copy:", r, r is p, r == p, type(r) is Point, r.y == p.y, r.y is p.y)
inner = Box.Inner()
inner.v = {"a": (1, 2)}
q.put([inner, Point(0, 0)])
r = q.get()
print("nested class:", type(r[0]).__qualname__, r[0].v, r[1])

# __init__ is not run on the copy
class Counted:
    made = 0
    def __init__(self):
        Counted.made += 1
        self.n = Counted.made
q.put(Counted())
r = q.get()
print("init not rerun:", Counted.made, r.n)

# into another interpreter: its own class of that name receives the state
interp = interpreters.create()
interp.prepare_main(q=q)
interp.exec("""if True:
    class Point:
        def __init__(self, x, y):
            self.x, self.y = x, y
        def __repr__(self):
            return "sub Point(%r, %r)" % (self.x, self.y)
        def moved(self):
            return Point(self.x + 10, self.y)
""")
q.put(Point(5, "s"))
interp.exec("""if True:
    p = q.get()
    print("in the subinterpreter:", p, type(p).__module__, type(p) is Point)
    q.put(p.moved())
""")
print("back in main:", q.get())

# a class the receiver does not have
q.put(Box.Inner())
try:
    interp.exec("q.get()")
except interpreters.ExecutionFailed as e:
    print("missing class:", e.excinfo.type.__name__)

# identity within one message: shared values stay shared, cycles stay cycles
a = [1]
q.put([a, a, (a,), {"k": a}])
r = q.get()
print("shared list:", r, r[0] is r[1], r[2][0] is r[0], r[3]["k"] is r[0], r[0] is a)
l = [1]
l.append(l)
q.put(l)
r = q.get()
print("list holding itself:", r[1] is r, len(r))
d = {}
d["me"] = d
q.put(d)
r = q.get()
print("dict holding itself:", r["me"] is r)

class Node:
    def __init__(self, v):
        self.v, self.next, self.prev = v, None, None
n1, n2, n3 = Node(1), Node(2), Node(3)
n1.next, n2.next, n3.next = n2, n3, n1
n1.prev, n2.prev, n3.prev = n3, n1, n2
q.put(n1)
r = q.get()
print("ring:", [r.v, r.next.v, r.next.next.v], r.next.next.next is r, r.prev.next is r,
      r.next.prev is r)
q.put({"nodes": [n1, n2, n3]})
r = q.get()["nodes"]
print("ring in a list:", [x.v for x in r], r[0].next is r[1], r[2].next is r[0])

# __slots__: set slots travel by name, unset ones stay unset
class Slotted:
    __slots__ = ("a", "b")
s = Slotted()
s.a = [1]
q.put((s, s))
r = q.get()
print("slots:", r[0].a, hasattr(r[0], "b"), r[0] is r[1])
class Both:
    __slots__ = ("a", "__dict__")
b = Both()
b.a, b.extra = 1, 2
q.put(b)
r = q.get()
print("slots and __dict__:", r.a, r.extra)

# what cannot cross: a class defined in a function, a class with its own pickling
def make_local():
    class Local:
        pass
    return Local()
class Custom:
    def __reduce__(self):
        raise TypeError("Custom objects cannot be pickled")
    def __repr__(self):
        return "Custom()"
for value in [make_local(), Custom(), [Custom()]]:
    try:
        q.put(value)
        print("put accepted", type(value).__name__)
    except interpreters.NotShareableError as e:
        print("put refused:", type(value).__name__, "| a TypeError:", isinstance(e, TypeError))
print("queue empty at the end:", q.empty())
interp.close()

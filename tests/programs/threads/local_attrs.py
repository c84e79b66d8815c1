# threading.local: per-thread attributes (native fast path), subclasses with __init__ and properties, __dict__, a custom __getattribute__, init arguments.
import threading
class P:
    pass
loc = threading.local()
loc.x = 1
print(loc.x, loc.__dict__, hasattr(loc, "y"))
class My(threading.local):
    cls_attr = "class"
    def __init__(self, v=5):
        self.v = v
    @property
    def prop(self):
        return self.v * 2
m = My(7)
print(m.v, m.prop, m.cls_attr)
m.cls_attr = "inst"
print(m.cls_attr, My.cls_attr)
out = []
def t():
    out.append((hasattr(loc, "x"), m.v, m.prop))
    loc.x = "thread"
    m.v = 100
    out.append((loc.x, m.v))
th = threading.Thread(target=t); th.start(); th.join()
print(out, loc.x, m.v)
try:
    loc.__dict__ = {}
except AttributeError as e:
    print("AttributeError", e)
del loc.x
print(hasattr(loc, "x"))
class G(threading.local):
    def __getattribute__(self, name):
        return "custom-" + name
g = G()
print(g.anything)
try:
    threading.local(1)
except TypeError as e:
    print(e)
class A(threading.local):
    def __init__(self, a):
        self.a = a
x = A(3)
r = []
t = threading.Thread(target=lambda: r.append(x.a)); t.start(); t.join()
print(x.a, r)

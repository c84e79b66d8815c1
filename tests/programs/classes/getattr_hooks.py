# classes: __getattr__ (fallback), __getattribute__, __setattr__, __delattr__ hooks
class Dyn:
    def __init__(self):
        self.real = "real"
    def __getattr__(self, name):
        if name.startswith("auto_"):
            return name[5:].upper()
        raise AttributeError(f"{type(self).__name__!r} has no attribute {name!r}")
d = Dyn()
print(d.real, d.auto_hello, getattr(d, "auto_x"), hasattr(d, "missing"))
try:
    d.missing
except AttributeError as e:
    print("AttributeError", e)
class Recorder:
    def __init__(self):
        object.__setattr__(self, "log", [])
    def __setattr__(self, name, value):
        self.log.append(("set", name, value))
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        self.log.append(("del", name))
        object.__delattr__(self, name)
r = Recorder()
r.a = 1
r.b = 2
del r.a
print(r.log, hasattr(r, "a"), r.b)
class Counted:
    def __init__(self):
        self.hits = 0
        self.x = 5
    def __getattribute__(self, name):
        if name != "hits":
            object.__setattr__(self, "hits", object.__getattribute__(self, "hits") + 1)
        return object.__getattribute__(self, name)
c = Counted()
c.x; c.x; c.x
print(c.hits)
class Proxy:
    def __init__(self, target):
        self._t = target
    def __getattr__(self, n):
        return getattr(self._t, n)
p = Proxy([3, 1, 2])
p.sort()
print(p._t, p.count(1), p.index(3))

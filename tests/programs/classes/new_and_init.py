# classes: __new__ vs __init__, immutable subclass of int/str/tuple, __init_subclass__, __class_getitem__-free
class Pos(int):
    def __new__(cls, v):
        return super().__new__(cls, abs(v))
    def __repr__(self):
        return f"Pos({int(self)})"
p = Pos(-5)
print(p, p + 1, isinstance(p, int), type(p + 1).__name__)
class Upper(str):
    def __new__(cls, s):
        return super().__new__(cls, s.upper())
u = Upper("hello")
print(u, len(u), u + "!", type(u).__name__, u.lower())
class Pair(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
    @property
    def first(self):
        return self[0]
pr = Pair(1, 2)
print(pr, pr.first, len(pr), pr == (1, 2))
class Tracked:
    created = []
    def __new__(cls, *args):
        obj = super().__new__(cls)
        cls.created.append(args)
        return obj
    def __init__(self, x):
        self.x = x
Tracked(1); Tracked(2)
print(Tracked.created)
class Plugin:
    plugins = []
    def __init_subclass__(cls, name=None, **kw):
        super().__init_subclass__(**kw)
        Plugin.plugins.append(name or cls.__name__)
class P1(Plugin): pass
class P2(Plugin, name="second"): pass
print(Plugin.plugins)
class NotInit:
    def __new__(cls):
        return 42
    def __init__(self):
        print("never")
print(NotInit())

# classes: class decorators, adding methods, registering classes, auto-repr/eq by hand
def auto_repr(cls):
    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{cls.__name__}({fields})"
    cls.__repr__ = __repr__
    return cls
def auto_eq(cls):
    cls.__eq__ = lambda a, b: type(a) is type(b) and a.__dict__ == b.__dict__
    cls.__hash__ = None
    return cls
REG = []
def register(cls):
    REG.append(cls.__name__)
    return cls
@register
@auto_eq
@auto_repr
class Item:
    def __init__(self, name, qty):
        self.name = name
        self.qty = qty
@register
class Other:
    pass
print(Item("a", 1), Item("a", 1) == Item("a", 1), Item("a", 1) == Item("b", 1), REG)
def singleton(cls):
    inst = {}
    def get(*a):
        if cls not in inst:
            inst[cls] = cls(*a)
        return inst[cls]
    return get
@singleton
class Config:
    def __init__(self, v):
        self.v = v
print(Config(1).v, Config(2).v, Config(3) is Config(4))
def total_order(cls):
    cls.__le__ = lambda a, b: a < b or a == b
    cls.__gt__ = lambda a, b: not (a < b or a == b)
    cls.__ge__ = lambda a, b: not a < b
    return cls
@total_order
class N:
    def __init__(self, n): self.n = n
    def __lt__(self, o): return self.n < o.n
    def __eq__(self, o): return self.n == o.n
print(N(1) <= N(2), N(3) > N(2), N(2) >= N(2), N(1) > N(1))

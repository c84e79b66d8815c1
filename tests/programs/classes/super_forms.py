# classes: super() zero-arg, two-arg, in classmethods, staticmethod calls via super, property via super
class A:
    def f(self):
        return "A.f"
    @classmethod
    def make(cls):
        return "A.make:" + cls.__name__
    @property
    def p(self):
        return "A.p"
class B(A):
    def f(self):
        return "B.f>" + super().f()
    @classmethod
    def make(cls):
        return "B.make>" + super().make()
    @property
    def p(self):
        return "B.p>" + super().p
class C(B):
    def f(self):
        return "C.f>" + super(B, self).f()
    def g(self):
        return super(C, self).f()
c = C()
print(c.f(), c.g(), C.make(), c.p, B().f())
print(super(C, c).f(), super(B, C).make())
class Counter:
    instances = 0
    def __init__(self):
        Counter.instances += 1
class Sub(Counter):
    def __init__(self):
        super().__init__()
        self.extra = True
Sub(); Sub(); Counter()
print(Counter.instances)
class LoggedDict(dict):
    def __setitem__(self, k, v):
        print("set", k, v)
        super().__setitem__(k, v)
ld = LoggedDict()
ld["a"] = 1
print(ld, type(ld).__name__, isinstance(ld, dict))
class MyList(list):
    def append(self, x):
        super().append(x * 2)
ml = MyList([1])
ml.append(5)
print(ml, len(ml))

# classes: class attributes vs instance attributes, shadowing, shared mutable class attrs, __dict__
class C:
    shared = []
    count = 0
    def __init__(self, v):
        self.v = v
        C.count += 1
    def add(self, x):
        self.shared.append(x)
a = C(1)
b = C(2)
a.add("from a")
b.add("from b")
print(C.shared, a.shared is b.shared, C.count, a.count)
a.count = 100
print(a.count, b.count, C.count)
del a.count
print(a.count)
print(a.__dict__, sorted(k for k in C.__dict__ if not k.startswith("__")))
C.newattr = "added later"
print(a.newattr, b.newattr)
b.v = 20
print(a.v, b.v)
try:
    print(a.nope)
except AttributeError as e:
    print("AttributeError", e)
print(getattr(a, "v"), getattr(a, "nope", "default"), hasattr(a, "add"), hasattr(C, "v"))
setattr(a, "dyn", 5)
print(a.dyn, vars(a))
class D:
    x = 1
    y = x + 1
    z = [i * 2 for i in range(3)]
    try:
        w = [x * i for i in range(3)]
    except NameError as e:
        w = "NameError: " + str(e)
print(D.y, D.z, D.w)

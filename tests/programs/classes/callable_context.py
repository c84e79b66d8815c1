# classes: __call__ and context manager protocol __enter__/__exit__ with exception suppression
class Multiplier:
    def __init__(self, k):
        self.k = k
    def __call__(self, x, y=1):
        return self.k * x * y
m = Multiplier(3)
print(m(2), m(2, y=5), callable(m), list(map(m, [1, 2])))
class Ctx:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.suppress
with Ctx("a") as c:
    print("inside", c.name)
with Ctx("b", suppress=True):
    raise ValueError("suppressed")
print("after b")
try:
    with Ctx("c"):
        raise KeyError("propagates")
except KeyError as e:
    print("caught", e)
with Ctx("outer") as o, Ctx("inner") as i:
    print("both", o.name, i.name)
def use():
    with Ctx("ret"):
        return "returned"
print(use())
for k in range(3):
    with Ctx(f"loop{k}"):
        if k == 1:
            continue
        print("body", k)
class Timer:
    def __enter__(self):
        self.log = ["start"]
        return self.log
    def __exit__(self, *a):
        self.log.append("stop")
t = Timer()
with t as log:
    log.append("work")
print(t.log)

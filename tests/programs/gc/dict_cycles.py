# gc: cycles through dicts, instance __dict__, closures and bound methods
class Holder:
    def __init__(self):
        self.d = {"self": self}
        self.m = self.method
    def method(self):
        return 1
acc = 0
for i in range(50000):
    h = Holder()
    acc += h.m()
    d = {}
    d["me"] = d
    d["list"] = [d, h]
print(acc, len(d), d["me"] is d)
def make():
    def f():
        return f
    return f
for i in range(50000):
    g = make()
print(g() is g)

# gc: gc.collect() exists and returns an int; cycles freed; objects survive while referenced
import gc
class Big:
    def __init__(self, n):
        self.payload = list(range(n))
        self.me = self
keep = []
for i in range(2000):
    b = Big(100)
    if i % 500 == 0:
        keep.append(b)
n = gc.collect()
print(type(n).__name__, n >= 0)
print(len(keep), [len(k.payload) for k in keep], all(k.me is k for k in keep))
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())

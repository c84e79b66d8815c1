# control: pass, empty bodies, ellipsis, one-line compound statements
def noop():
    pass
class Empty:
    pass
def dots():
    ...
print(noop(), Empty.__name__, dots())
for i in range(3): print("one-liner", i)
if True: print("inline if")
while False: pass
x = 1; y = 2; print(x + y)
try: raise KeyError("k")
except KeyError: print("inline except")
print(Ellipsis, ... is Ellipsis)

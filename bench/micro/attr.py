# micro: one operation in a loop; bench/tools/per_iteration.sh counts its instructions per iteration
import sys
class C:
    def __init__(self):
        self.a = 1; self.b = 2; self.x = 3
    def m(self):
        return self.x
def f(n):
    o = C()
    t = 0
    for i in range(n):
        t = o.x
        t = o.x
        t = o.x
        t = o.x
    return t
f(int(sys.argv[1]))

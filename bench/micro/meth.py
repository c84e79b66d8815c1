# micro: one operation in a loop; bench/tools/per_iteration.sh counts its instructions per iteration
import sys
class C:
    def __init__(self):
        self.a = 1; self.b = 2; self.x = 3
    def m(self):
        return 1
def f(n):
    o = C()
    for i in range(n):
        o.m()
        o.m()
f(int(sys.argv[1]))

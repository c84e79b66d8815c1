# micro: one operation in a loop; bench/tools/per_iteration.sh counts its instructions per iteration
import sys
def f(n):
    x = 2.5
    t = 0.0
    for i in range(n):
        t = x ** 0.5
    return t
f(int(sys.argv[1]))

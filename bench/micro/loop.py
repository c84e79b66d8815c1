# micro: one operation in a loop; bench/tools/per_iteration.sh counts its instructions per iteration
import sys
def f(n):
    t = 0
    for i in range(n):
        pass
    return t
f(int(sys.argv[1]))

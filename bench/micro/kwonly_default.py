# micro: one operation in a loop; bench/tools/per_iteration.sh counts its instructions per iteration
import sys
def f(a, *, c=3):
    return a
def g(n):
    for i in range(n):
        f(i)
g(int(sys.argv[1]))

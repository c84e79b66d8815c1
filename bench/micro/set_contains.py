# micro: `x in s` on a small set of ints (nqueens' inner test); bench/tools/per_iteration.sh counts its instructions per iteration
import sys
def f(n):
    s = {0, 3, 5, 9, -2, -7}
    t = 0
    for i in range(n):
        if (i & 15) in s:
            t += 1
    return t
f(int(sys.argv[1]))

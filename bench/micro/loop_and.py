# micro: the loop of set_contains.py without the membership test; bench/tools/per_iteration.sh counts its instructions per iteration
import sys
def f(n):
    t = 0
    for i in range(n):
        if (i & 15):
            t += 1
    return t
f(int(sys.argv[1]))

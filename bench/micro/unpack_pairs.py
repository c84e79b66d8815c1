# micro: n-body's pair loop header (nested tuple unpacking of list items); bench/tools/per_iteration.sh counts its instructions per iteration
import sys
def f(n):
    a = [[0.0], [0.0], 1.0]
    pairs = [(a, a)] * 10
    t = 0
    for i in range(n // 10):
        for (p1, v1, m1), (p2, v2, m2) in pairs:
            t += 1
    return t
f(int(sys.argv[1]))

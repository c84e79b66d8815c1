# micro: n-body's inner update (`v[0] -= dx * b`, a float read from a list, computed and stored back); bench/tools/per_iteration.sh counts its instructions per iteration
import sys
def f(n):
    v = [0.5, 0.25, 0.125]
    p = [1.0, 2.0, 3.0]
    b = 1e-9
    for i in range(n):
        dx = p[0] - v[0]
        v[0] -= dx * b
    return v
f(int(sys.argv[1]))

# micro: a call of a one-argument Python function; bench/tools/per_iteration.sh counts its instructions per iteration
import sys
def g(x):
    return x
def f(n):
    for i in range(n):
        g(i)
f(int(sys.argv[1]))

# micro: ft_scaling.py's generator body (one 10-item generator per iteration); bench/tools/per_iteration.sh counts its instructions per iteration
import sys
def ten():
    for i in range(10):
        yield i
def f(n):
    acc = 0
    for i in range(n):
        for v in ten():
            acc += v
    return acc
f(int(sys.argv[1]))

# micro: ft_scaling.py's float_math body; bench/tools/per_iteration.sh counts its instructions per iteration
import sys
def f(n):
    x = 1.0
    y = 0.0
    for i in range(n):
        x *= 1.0001
        y += x * 0.5 - 1.0
    return y
f(int(sys.argv[1]))

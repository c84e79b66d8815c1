# micro: ft_scaling.py's list_ops body; bench/tools/per_iteration.sh counts its instructions per iteration
import sys
def f(n):
    tab = list(range(100))
    acc = 0
    for i in range(n):
        tab.pop(0)
        tab.append(i)
        acc += tab[50]
    return acc
f(int(sys.argv[1]))

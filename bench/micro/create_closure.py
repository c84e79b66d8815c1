# micro: ft_scaling.py's create_closure body; bench/tools/per_iteration.sh counts its instructions per iteration
import sys
def g(n):
    for i in range(n):
        def f(x):
            return x + i
        f(i)
g(int(sys.argv[1]))

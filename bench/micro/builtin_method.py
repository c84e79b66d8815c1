# micro: calls of built-in methods (list.append, list.pop); bench/tools/per_iteration.sh counts its instructions per iteration
import sys
def f(n):
    l = []
    for i in range(n):
        l.append(i)
        l.pop()
    return l
f(int(sys.argv[1]))

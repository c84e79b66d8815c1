# micro: ft_scaling.py's create_object body; bench/tools/per_iteration.sh counts its instructions per iteration
import sys
class Plain:
    pass
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
def f(n):
    for i in range(n):
        o = Plain()
        p = Point(i, i)
f(int(sys.argv[1]))

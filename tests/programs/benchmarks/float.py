# benchmarks: small-scale copy of bench/programs/float.py - float point objects - create, normalise and reduce (pyperformance-style float workload)
import sys
from math import sin, cos, sqrt

DEFAULT_SCALE = 5000


class Point:
    __slots__ = ("x", "y", "z")

    def __init__(self, i):
        self.x = x = sin(i)
        self.y = cos(i) * 3
        self.z = (x * x) / 2

    def __repr__(self):
        return "<Point: x=%.6f, y=%.6f, z=%.6f>" % (self.x, self.y, self.z)

    def normalize(self):
        x = self.x
        y = self.y
        z = self.z
        norm = sqrt(x * x + y * y + z * z)
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximize(self, other):
        self.x = self.x if self.x > other.x else other.x
        self.y = self.y if self.y > other.y else other.y
        self.z = self.z if self.z > other.z else other.z
        return self


def maximize(points):
    nxt = points[0]
    for p in points[1:]:
        nxt = nxt.maximize(p)
    return nxt


def run(n):
    points = [Point(i) for i in range(n)]
    for p in points:
        p.normalize()
    sx = 0.0
    for p in points:
        sx += p.x
    return maximize(points), sx


def main(scale):
    best, sx = run(scale)
    print("float", scale, best, "%.6f" % sx)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SCALE)

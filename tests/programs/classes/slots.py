# classes: __slots__ restricts attributes, no __dict__, slots with inheritance
class Point:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
p = Point(1, 2)
p.x = 10
print(p, hasattr(p, "__dict__"))
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError", e)
q = Point.__new__(Point)
try:
    print(q.x)
except AttributeError as e:
    print("AttributeError", e)
class Point3(Point):
    __slots__ = ("z",)
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z
p3 = Point3(1, 2, 3)
print(p3.x, p3.y, p3.z, Point3.__slots__)
class Loose(Point):
    pass
lo = Loose(1, 2)
lo.extra = "ok"
print(lo.extra, lo)
del p.x
print(hasattr(p, "x"))

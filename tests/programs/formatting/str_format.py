# formatting: str.format with positional, keyword, indexing and attribute fields
print("{} {} {}".format(1, "two", 3.0))
print("{0} {1} {0}".format("a", "b"))
print("{name} is {age}".format(name="Bob", age=25))
print("{0[0]} {0[1]} {1[key]}".format([10, 20], {"key": "val"}))
class Pt:
    def __init__(self, x, y):
        self.x = x
        self.y = y
p = Pt(3, 4)
print("({0.x}, {0.y}) ({p.y})".format(p, p=p))
print("{:>8}|{:<8}|{:^8}|".format("r", "l", "c"))
print("{0:{1}{2}}|".format(42, ">", 6))
print("{:{fill}^{w}}".format("mid", fill="=", w=11))
print("{!r} {!s}".format("x", "y"), "{0!r:>10}".format("x"))
print("{{}} {}".format("escaped"))
print("{0:.{1}f}".format(3.14159, 3))
print("{a[1][0]}".format(a=[[1], [2, 3]]))
print("{:,} {:b} {:08.3f} {:%}".format(1234567, 10, -3.14159, 0.5))
try:
    print("{} {}".format(1))
except IndexError as e:
    print("IndexError", e)
try:
    print("{missing}".format())
except KeyError as e:
    print("KeyError", e)
try:
    print("{0} {}".format(1, 2))
except ValueError as e:
    print("ValueError", e)

# Keys whose type is a subclass of str/int/tuple, or a Python class: their own
# __hash__ and __eq__ are used by hash(), dicts, sets and `in`, as in CPython.


class LoudStr(str):
    def __eq__(self, other):
        print("LoudStr.__eq__", repr(other))
        return str.__eq__(self, other)

    __hash__ = str.__hash__


class ConstHash(str):
    def __hash__(self):
        return 1


class IntHash(int):
    def __hash__(self):
        return 5


class PlainStr(str):
    pass


class Unhashable(str):
    def __eq__(self, other):
        return True


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        print("Point.__eq__")
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))


print(hash(ConstHash("a")), hash(IntHash(3)), hash(PlainStr("a")) == hash("a"))
print(hash(IntHash(-1)), hash(-1), hash(2 ** 61 - 1), hash(2 ** 61), hash(-(2 ** 61)))
d = {"a": 1, "b": 2}
print(d[LoudStr("a")], LoudStr("b") in d, LoudStr("c") in d)
print(LoudStr("a") in {"a", "x"}, LoudStr("q") in ["a", "q"])
print(d[PlainStr("a")], {PlainStr("k"): 3}["k"])
try:
    d[ConstHash("a")]
except KeyError as e:
    print("KeyError", e)
try:
    hash(Unhashable("a"))
except TypeError as e:
    print("TypeError", e)
pts = {Point(1, 2): "p"}
print(pts[Point(1, 2)], Point(3, 4) in pts, (1, 2) in pts)
print({(1, "a", (2.0, None)): 1}[(1, "a", (2.0, None))], hash((1, 2)) == hash((1, 2)))
print(len({(i, i % 3) for i in range(30)}), len({(IntHash(i),) for i in range(10)}))


class Big:
    def __hash__(self):
        return 2 ** 62 + 5


class Huge:
    def __hash__(self):
        return 2 ** 70


class MinusOne:
    def __hash__(self):
        return -1


print(hash(Big()), hash(Huge()), hash(MinusOne()), hash(Point(1, 2)) == hash((1, 2)))
print((1, 2) in {Point(1, 2)}, {Point(5, 6): 1}.get((5, 6)))

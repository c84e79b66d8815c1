# modules/collections: namedtuple (_replace, _asdict, _fields, _make, defaults), OrderedDict (move_to_end, popitem)
from collections import namedtuple, OrderedDict
Point = namedtuple("Point", ["x", "y"])
p = Point(1, 2)
print(p, p.x, p[1], p._fields, p._asdict(), p._replace(x=10), p == (1, 2), len(p))
x, y = p
print(x, y, Point._make([5, 6]), isinstance(p, tuple), type(p).__name__)
Color = namedtuple("Color", "r g b", defaults=[0])
print(Color(1, 2), Color(1, 2, 3), Color._field_defaults)
Rec = namedtuple("Rec", "name, age")
print(Rec("amy", 30), Rec(name="b", age=1), sorted([Rec("z", 1), Rec("a", 2)]))
try:
    p.x = 5
except AttributeError as e:
    print("AttributeError", e)
try:
    Point(1)
except TypeError as e:
    print("TypeError", e)
od = OrderedDict()
od["b"] = 1; od["a"] = 2; od["c"] = 3
print(od, list(od))
od.move_to_end("b"); print(list(od))
od.move_to_end("c", last=False); print(list(od))
print(od.popitem(), od.popitem(last=False), od)
o1 = OrderedDict([("a", 1), ("b", 2)])
o2 = OrderedDict([("b", 2), ("a", 1)])
print(o1 == o2, dict(o1) == dict(o2), o1 == {"b": 2, "a": 1})

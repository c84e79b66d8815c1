"""Calling built-in types: constructors, immutability of their attributes, argument-count errors."""
try:
    int.__new__ = lambda *a: 5
except TypeError as e:
    print("TypeError", e)
try:
    setattr(range, "__init__", None)
except TypeError as e:
    print("TypeError", e)
print(range(3), list(range(1, 4)), int("12"), str(5), tuple([1]), dict(a=1), set([1]), float("1.5"), bool(0), bytes(2), list(), frozenset([1]), complex(1, 2), type(3), slice(1, 2, 3), object().__class__)
class R(list): pass
print(R([1, 2]), type(R()))
try:
    range()
except TypeError as e:
    print("TypeError", e)
try:
    int(1, 2, 3, 4)
except TypeError as e:
    print("TypeError", e)

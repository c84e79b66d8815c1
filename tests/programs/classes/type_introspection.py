# classes: type(), type() with 3 args, __name__/__qualname__/__module__, __class__, instance checks
class A:
    class Inner:
        pass
    def m(self):
        pass
print(type(A()).__name__, A.__name__, A.Inner.__qualname__, A.m.__qualname__, A.__module__)
print(type(1), type("s"), type([]), type(None), type(type), type(A))
B = type("B", (A,), {"x": 5, "hello": lambda self: "hi from B"})
b = B()
print(B.__name__, b.x, b.hello(), isinstance(b, A), [c.__name__ for c in B.__mro__])
print(type(b) is B, b.__class__ is B, B.__class__ is type, type(int) is type)
print(isinstance(3, (str, int)), isinstance(True, int), isinstance(None, type(None)))
print(issubclass(int, object), issubclass(type, object), isinstance(object, type), isinstance(type, object))
print(int.__mro__, bool.__mro__)
def describe(x):
    return type(x).__name__
print([describe(v) for v in (1, 1.0, "s", b"b", [], (), {}, set(), frozenset(), None, len, describe, A, range(1), 1j)])

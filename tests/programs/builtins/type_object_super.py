# builtins: type(), object(), super(), isinstance and issubclass builtins
o = object()
print(type(o).__name__, isinstance(o, object), type(object).__name__)
try:
    o.x = 1
except AttributeError as e:
    print("AttributeError", e)
class A:
    def hi(self):
        return "A"
class B(A):
    def hi(self):
        return "B" + super().hi()
print(B().hi(), super(B, B()).hi())
print(type(5)(3), type("x")("y"), type([])((1, 2)), type(B()) is B)
print(isinstance(5, int), isinstance(5, (float, str)), issubclass(B, A), issubclass(A, B), issubclass(B, (int, A)))
try:
    isinstance(5, 5)
except TypeError as e:
    print("TypeError", e)
print(type(None)(), type(True)(1), type(1.5)("2.5"))

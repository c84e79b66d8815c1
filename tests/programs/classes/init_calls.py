# Class calls: __init__ with defaults, super(), a returned value, an exception, a custom __new__, a generator __init__, nesting and recursion.
class A:
    def __init__(self, x, y=2):
        self.x = x; self.y = y
class B(A):
    def __init__(self, x):
        super().__init__(x, 5)
        self.z = 1
class R:
    def __init__(self):
        return 3
class E:
    def __init__(self, a):
        raise ValueError("bad %s" % a)
class N:
    def __new__(cls, *a):
        o = object.__new__(cls); o.tag = "new"; return o
    def __init__(self, v):
        self.v = v
class G:
    def __init__(self):
        yield 1
a = A(1); b = B(7); n = N(3)
print(a.x, a.y, b.x, b.y, b.z, n.tag, n.v)
for bad in [lambda: R(), lambda: E(4), lambda: A(), lambda: A(1, 2, 3), lambda: G()]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
import sys
def deep(n):
    class C:
        def __init__(self, k):
            self.k = k if k == 0 else deep(k - 1)
    return C(n)
print(type(deep(50).k).__name__)
try:
    class Rec:
        def __init__(self):
            Rec()
    Rec()
except RecursionError as e:
    print("RecursionError")

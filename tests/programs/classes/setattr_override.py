# A Python __setattr__ on a class or a base, one assigned to an existing
# class later, and plain stores next to them.
class A:
    pass
class B(A):
    def __setattr__(self, n, v):
        print("B.setattr", n, v)
        object.__setattr__(self, n, v)
class C(B):
    pass
a = A(); a.x = 1; print(a.x)
c = C(); c.y = 2; print(c.y)
def late(self, n, v):
    print("late", n)
    object.__setattr__(self, n, v * 10)
A.__setattr__ = late
a.z = 3; print(a.z)
class D:
    __slots__ = ("p",)
d = D(); d.p = 5; print(d.p)

# Binding positional arguments with defaults, cells that shadow arguments,
# closures, bound methods, and the errors when arguments are missing.
def f(a, b=2, c=3):
    return (a, b, c)


print(f(1), f(1, 5), f(1, 5, 6))


def g(a, b=10):
    def inner():
        return a + b
    a += 1
    return inner()


print(g(1), g(1, 2))


def outer(n):
    def h(x, y=n):
        return x * y + n
    return h


h = outer(3)
print(h(2), h(2, 5))


class C:
    def m(self, x, y=7):
        return (x, y)

    def k(self, x=1):
        return lambda: (self.__class__.__name__, x)


c = C()
print(c.m(1), c.m(1, 2), C.m(c, 3), c.k()(), c.k(9)())
for bad in [lambda: f(), lambda: c.m(), lambda: outer(1)(), lambda: f(1, 2, 3, 4)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
f.__defaults__ = (20, 30)
print(f(1), f(1, 2))
f.__defaults__ = None
try:
    f(1)
except TypeError as e:
    print("TypeError", e)

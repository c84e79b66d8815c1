# Binding positional arguments with *args: methods, no named parameters,
# closures over the parameters, with statements calling __exit__(self, *exc).
def f(a, *rest):
    return (a, rest)


def g(*args):
    return args


def h(a, b, *more):
    def inner():
        return a + b + len(more)
    return inner()


class C:
    def m(self, *args):
        return (type(self).__name__, args)

    def __enter__(self):
        return "entered"

    def __exit__(self, *exc):
        print("exit", exc[0].__name__ if exc[0] else None)
        return exc[0] is KeyError


class D:
    def star(*args):
        return len(args)


print(f(1), f(1, 2, 3), g(), g(1, 2), h(1, 2), h(1, 2, 3, 4))
print(C().m(), C().m(1, 2), D().star(), D().star(5, 6), D.star(1))
with C() as x:
    print(x)
with C():
    raise KeyError("swallowed")
try:
    with C():
        raise ValueError("kept")
except ValueError as e:
    print("ValueError", e)
try:
    f()
except TypeError as e:
    print("TypeError", e)
print(f(*range(4)), g(*"ab"), f(1, *[2, 3], 4))

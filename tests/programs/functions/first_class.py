# functions: functions as values, attributes, __name__, higher order, apply tables
def square(x):
    """Return x squared."""
    return x * x
def cube(x):
    return x ** 3
fns = [square, cube, abs, str]
print([f(-3) for f in fns])
print(square.__name__, cube.__name__, square.__doc__, cube.__doc__, abs.__name__)
alias = square
print(alias.__name__, alias is square, alias(9))
def apply_n(f, n, x):
    for _ in range(n):
        x = f(x)
    return x
print(apply_n(square, 3, 2))
square.tag = "math"
print(square.tag, getattr(cube, "tag", None))
def make_ops():
    def plus(a, b):
        return a + b
    return plus
p = make_ops()
print(p.__name__, p.__qualname__, callable(p), callable(5))
def kwfunc(a, b, c):
    return f"{a}{b}{c}"
print(kwfunc(*"xy", c="z"), kwfunc(**{"c": 1, "b": 2, "a": 3}))
print(sorted([square, cube], key=lambda f: f.__name__)[0].__name__)
print(type(square).__name__, square.__module__, square.__qualname__)

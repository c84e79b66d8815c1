# A function's own attributes: reading, assigning with CPython's type
# checks, and what calls and generators see after an assignment.


def f(a, b=2, *, k=3):
    "doc of f"
    return (a, b, k)


print(f.__name__, f.__qualname__, f.__doc__, f.__module__)
print(f.__defaults__, f.__kwdefaults__)

for name, value in [("__name__", 1), ("__qualname__", None), ("__defaults__", [1]),
                    ("__kwdefaults__", (1,)), ("__annotations__", 5)]:
    try:
        setattr(f, name, value)
    except TypeError as e:
        print("TypeError:", e)

f.__defaults__ = (20,)
print(f(1), f.__defaults__)
f.__defaults__ = None
try:
    f(1)
except TypeError as e:
    print("TypeError:", e)
f.__defaults__ = (7,)
f.__kwdefaults__ = {"k": 9}
print(f(1))
f.__kwdefaults__ = None
print(f.__kwdefaults__)

f.__name__ = "renamed"
f.__qualname__ = "Outer.renamed"
print(f.__name__, f.__qualname__, repr(f).split(" at ")[0])
f.__doc__ = 42
f.__module__ = None
print(f.__doc__, f.__module__)
f.__annotations__ = {"a": int}
print(f.__annotations__)


def gen():
    yield 1


gen.__name__ = "g2"
gen.__qualname__ = "Q.g2"
g = gen()
print(g.__name__, g.__qualname__)


def outer():
    def inner():
        pass
    return inner


print(outer().__qualname__, outer().__module__)
print(outer.__annotations__, outer.__defaults__)

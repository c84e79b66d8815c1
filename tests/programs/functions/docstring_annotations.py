# functions: docstrings, simple annotations, __annotations__
def f(x: int, y: str = "a") -> str:
    "doc of f"
    return y * x
print(f(3), f.__doc__, f.__annotations__)
def g():
    pass
print(g.__doc__, g.__annotations__)
count: int = 5
print(count)
class C:
    """Class doc."""
    x: int = 3
    y: str
print(C.__doc__, C.x, C.__annotations__)

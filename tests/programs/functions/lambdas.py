# functions: lambda expressions, immediately invoked, sorting keys, default args
sq = lambda x: x * x
print(sq(7), (lambda a, b=2: a ** b)(3), (lambda *a, **k: (a, k))(1, z=2))
print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)))
compose = lambda f, g: lambda x: f(g(x))
inc_then_sq = compose(sq, lambda x: x + 1)
print(inc_then_sq(4))
ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}
print({k: f(6, 3) for k, f in ops.items()})
print(sq.__name__, (lambda: 0).__name__)
print(list(map(lambda x: x % 3, range(7))), list(filter(lambda x: x > 2, [1, 5, 2, 7])))
curry = lambda a: lambda b: lambda c: a + b + c
print(curry(1)(2)(3))

# functions: default args, keyword args, *args, **kwargs ordering
def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))
print(f(1, c=3))
print(f(1, 5, 6, 7, c=3, d=8, x=9, y=10))
print(f(a=1, c=2, b=3))
def g(*args):
    return len(args), args
print(g(), g(1), g(*[1, 2, 3]), g(*"ab", *range(2)))
def h(**kw):
    return kw
print(h(), h(x=1), h(**{"a": 1}, b=2))
def defaults(x, lst=None, n=3):
    if lst is None:
        lst = []
    lst.append(x * n)
    return lst
print(defaults(1), defaults(2, n=10), defaults(3, [0]))
try:
    f(1)
except TypeError as e:
    print("TypeError", e)
try:
    f(1, 2, c=3, a=4)
except TypeError as e:
    print("TypeError", e)
try:
    defaults()
except TypeError as e:
    print("TypeError", e)
try:
    defaults(1, 2, 3, 4)
except TypeError as e:
    print("TypeError", e)
try:
    defaults(1, bogus=2)
except TypeError as e:
    print("TypeError", e)
print(f.__defaults__, f.__kwdefaults__)

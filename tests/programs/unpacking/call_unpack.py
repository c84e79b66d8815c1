# unpacking: *args and **kwargs in calls, multiple unpackings, keyword collisions
def f(a, b, c=0, *rest, **kw):
    return a, b, c, rest, kw
args = [1, 2]
kwargs = {"c": 3, "z": 4}
print(f(*args), f(*args, **kwargs), f(*[1, 2, 3, 4, 5]), f(*range(2), *"xy", k=1))
print(f(**{"a": 1, "b": 2}), f(1, **{"b": 2}, **{"c": 3}))
try:
    f(1, 2, **{"a": 5})
except TypeError as e:
    print("TypeError", e)
try:
    f(**{"a": 1}, **{"a": 2})
except TypeError as e:
    print("TypeError", e)
print(max(*[3, 9, 2]), print(*"abc", sep="-"))
def g(*args, **kwargs):
    return args, kwargs
print(g(*(), **{}), g(*[[1]], **dict(x=[2])))
data = [(1, 2), (3, 4)]
print([f(*p) for p in data])
print(list(zip(*[(1, "a"), (2, "b"), (3, "c")])))

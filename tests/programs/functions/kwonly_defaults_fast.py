# Calls that leave keyword-only parameters to their defaults (the binder's
# positional fast path fills them from __kwdefaults__), and the errors when a
# keyword-only parameter has no default.
def f(a, b=2, *, c=3, d=4):
    return (a, b, c, d)
print(f(1), f(1, 5), f(1, c=9), f(1, 2, d=0))
def g(a, *, c):
    return (a, c)
try:
    g(1)
except TypeError as e:
    print("TypeError", e)
print(g(1, c=2))
def h(*, x=1, y):
    return x, y
try:
    h()
except TypeError as e:
    print("TypeError", e)
f.__kwdefaults__ = {"c": "C"}
try:
    print(f(1))
except TypeError as e:
    print("TypeError", e)
f.__kwdefaults__ = {"c": "C", "d": "D", "zz": 1}
print(f(1))
class K:
    def m(self, x, *, scale=10):
        return x * scale
k = K()
print(k.m(2), k.m(2, scale=3), [k.m(i) for i in range(3)])
def outer():
    z = 5
    def inner(a, *, b=1):
        return a + b + z
    return inner
print(outer()(1), outer()(1, b=10))

# functions: keyword-only (*) and positional-only (/) parameters
def kw_only(a, *, b, c=3):
    return a + b + c
print(kw_only(1, b=2), kw_only(1, c=10, b=2))
try:
    kw_only(1, 2)
except TypeError as e:
    print("TypeError", e)
def pos_only(a, b, /, c, *, d):
    return (a, b, c, d)
print(pos_only(1, 2, 3, d=4), pos_only(1, 2, c=3, d=4))
try:
    pos_only(a=1, b=2, c=3, d=4)
except TypeError as e:
    print("TypeError", e)
def po_kw(x, /, **kw):
    return x, kw
print(po_kw(1, x=2))
def mixed(a, /, b=5, *args, c, **kw):
    return a, b, args, c, kw
print(mixed(1, c=2), mixed(1, 2, 3, 4, c=5, z=6))
try:
    kw_only(1)
except TypeError as e:
    print("TypeError", e)

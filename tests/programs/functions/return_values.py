# functions: return values - implicit None, multiple returns, early return
def nothing():
    return
def implicit():
    x = 1
print(nothing(), implicit())
def multi():
    return 1, 2, 3
a, *rest = multi()
print(a, rest)
def early(x):
    if x < 0:
        return "neg"
    for i in range(x):
        if i * i > x:
            return i
    return None
print(early(-1), early(10), early(0))
def chain(x):
    return x.strip().upper().replace("A", "4")
print(chain("  banana "))
def counter_factory():
    return [(lambda n=n: n * n) for n in range(4)]
print([f() for f in counter_factory()])

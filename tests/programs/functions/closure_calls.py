# Calls to closures and to functions whose parameters are captured by inner
# functions (cell variables), by every calling shape: positional (the
# eval loop's fast path), defaults, keywords, bound methods, generators,
# recursion, and closures over loop variables.


def make_adder(n):
    def add(x):
        return x + n
    return add


add5 = make_adder(5)
print(add5(1), add5(x=2), [add5(i) for i in range(3)])


def captured_param(a, b):
    # `a` and `b` are cell variables: bound from the arguments.
    def show():
        return (a, b)
    a += 1
    return show()


print(captured_param(1, 2), captured_param(b=3, a=4))


def counter():
    count = 0

    def bump(step=1):
        nonlocal count
        count += step
        return count
    return bump


c = counter()
print(c(), c(), c(5), c(step=10))

fs = []
for i in range(4):
    def f(x, i=i):
        return x * i
    fs.append(f)
print([f(10) for f in fs])

gs = []
for i in range(3):
    def g(x):
        return x + i
    gs.append(g)
print([g(1) for g in gs])


def outer_gen(limit):
    def gen(start):
        for k in range(start, limit):
            yield k * limit
    return gen


print(list(outer_gen(4)(1)))


class Box:
    def __init__(self, v):
        self.v = v

    def scaled(self, k):
        def inner(m):
            return self.v * k * m
        return inner(2)


print(Box(3).scaled(5))


def fib_closure():
    memo = {}

    def fib(n):
        if n < 2:
            return n
        if n not in memo:
            memo[n] = fib(n - 1) + fib(n - 2)
        return memo[n]
    return fib


print(fib_closure()(60))


def wrong_count(a):
    def inner(b):
        return a + b
    return inner


try:
    wrong_count(1)(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    wrong_count(1)()
except TypeError as e:
    print("TypeError:", e)

# Small tuples built by every path compare, hash and index alike.
t0, t1, t2, t3 = (), (1,), (1, 2), (1, 2, 3)
items = [t0, t1, t2, t3, tuple([1]), tuple([1, 2]), (1, 2, 3)[:2], t1 + (2,), t2[:1]]
print(items, [len(t) for t in items])
print(t1 == tuple([1]), t2 == t1 + (2,), hash(t2) == hash((1, 2)), t2 < t3, t1 * 3)
print({t2: "pair", t1: "one"}[(1,) + (2,)], sorted([(2, 1), (1, 2), (1,), ()]))
a, b = t2
(x,) = t1
print(a, b, x, t2.index(2), t2.count(1), 2 in t2, list(reversed(t2)))
nested = ((1, (2,)), ((3,), 4))
print(nested, nested[1][0][0], [(k, v) for k, v in {"a": 1, "b": 2}.items()])

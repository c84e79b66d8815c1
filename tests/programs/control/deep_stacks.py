# Deep value stacks: the eval loop pushes and pops without checks, trusting
# the stack verifier's bound for each code object. These paths hold many
# values at once, or leave and re-enter a frame (calls, yields, handlers)
# with values below the top.


def add(*xs):
    return sum(xs)


def pair(a, b):
    return (a, b)


class Ctx:
    def __init__(self, name, log, suppress=False):
        self.name, self.log, self.suppress = name, log, suppress

    def __enter__(self):
        self.log.append("enter " + self.name)
        return self

    def __exit__(self, et, ev, tb):
        self.log.append("exit %s %s" % (self.name, et.__name__ if et else None))
        return self.suppress


# Nested calls inside expressions: each level keeps its partial operands.
print(add(1, add(2, add(3, add(4, add(5, add(6, 7)))))) * add(8, add(9, 10)))
print(pair(pair(pair(1, 2), pair(3, 4)), pair(pair(5, 6), pair(7, add(8, 9, 10)))))
print([1, [2, [3, [4, [5, [6, (7, {8: {9: [10, add(11, 12)]}})]]]]]])
print(1 + (2 * (3 - (4 + (5 * (6 - (7 + (8 * (9 - add(10, 11))))))))))
print(f"{1}{'a' + f'{2}{3:>4}'}{add(4, 5):x}{[6, 7]!r}")
print(
    add(
        *[1, 2],
        *(3, 4),
        add(5, *[add(6, 7)]),
        **{},
    )
)

# Comprehensions with calls and nested comprehensions in their elements.
print([[add(i, j, *[k for k in range(j)]) for j in range(3)] for i in range(3)])
print({i: {j: pair(i, j) for j in range(2)} for i in range(2)})
print(sorted({(i, add(i, i)) for i in range(4)}))
print(sum(add(x, y) for x in range(5) for y in range(x)))
print(dict(zip("abc", [pair(*p) for p in zip(range(3), range(3, 6))])))


# try/finally inside with inside loops, leaving by every way out.
def nested_flow(n):
    log = []
    for i in range(n):
        with Ctx("a%d" % i, log):
            j = 0
            while j < 3:
                j += 1
                try:
                    with Ctx("b%d%d" % (i, j), log, suppress=(j == 2)):
                        try:
                            if j == 1:
                                continue
                            if j == 2:
                                raise ValueError(j)
                            if i == n - 1:
                                return log + [add(i, j, *[0] * 3)]
                        finally:
                            log.append("finally %d %d" % (i, j))
                except ValueError:
                    log.append("never: suppressed")
                finally:
                    log.append("outer finally %d" % j)
            if i == 0:
                continue
            try:
                break
            finally:
                log.append("break %d" % i)
    return log


for line in nested_flow(3):
    print(line)
# Returns from inside both with blocks and both try statements.
for line in nested_flow(1):
    print(line)


def raise_in_expression(k):
    try:
        return pair(1, pair(2, [3, {4: 1 // k}]))
    except ZeroDivisionError as e:
        return ("caught", str(e), add(1, 2))
    finally:
        print("finally", k)


print(raise_in_expression(1))
print(raise_in_expression(0))


# Generators with yield in the middle of expressions, resumed with values,
# thrown into, and run inline by for loops.
def gen_mid():
    x = add(1, (yield 1), add(2, (yield pair(2, (yield 3)))))
    try:
        y = [x, (yield x), *((yield 5), (yield 6))]
    except KeyError as e:
        y = ("thrown", e.args[0], (yield "after throw"))
    return pair(x, y)


g = gen_mid()
print(next(g))
print(g.send(10))
print(g.send(20))
print(g.send(30))
print(g.send(40))
print(g.throw(KeyError("k")))
try:
    g.send(50)
except StopIteration as s:
    print("returned", s.value)


def gen_with(log):
    with Ctx("g", log):
        for i in range(3):
            try:
                yield add(i, *(yield pair(i, i)))
            finally:
                log.append("gen finally %d" % i)


log = []
it = gen_with(log)
out = [next(it)]
for k in range(5):
    try:
        out.append(it.send((k, k)))
    except StopIteration:
        out.append("stop")
        break
print(out)
print(log)

# A generator run inline by FOR_ITER, yielding from inside an expression on
# a deep stack of its own, while the loop body holds values too.
def deep_gen(n):
    for i in range(n):
        v = add(i, pair(i, (yield [i, pair(i, (i, i))]))[0], 1)
        yield v


print([(x, add(1, 2)) for x in deep_gen(3)])
print(list(zip(deep_gen(2), deep_gen(2), (add(i, 1) for i in range(10)))))


def yf(n):
    r = yield from deep_gen(n)
    return pair(r, [1, (yield "last")])


print(list(yf(2)))


# Recursion with pending operands at every level.
def depth_sum(n):
    if n == 0:
        return 0
    return n + add(depth_sum(n - 1), *[0] * (n % 3))


print(depth_sum(200))


# Unpacking that pushes many values at once.
a, b, *c, d, e = range(40)
print(a, b, len(c), d, e)
(p, (q, (r, (s, t)))) = (1, (2, (3, (4, 5))))
print(p, q, r, s, t)
big = tuple(range(300))
print(add(*big), len([*big, *big]), max(*big))

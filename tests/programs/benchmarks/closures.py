# benchmarks: small-scale copy of bench/programs/closures.py - closures, nonlocal updates, higher-order functions, lambdas and decorators in hot loops
import sys

DEFAULT_SCALE = 5000


def make_counter():
    count = 0

    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc


def make_adder(n):
    return lambda x: x + n


def compose(f, g):
    def h(x):
        return f(g(x))
    return h


def memo(fn):
    cache = {}

    def wrapper(n):
        r = cache.get(n)
        if r is None:
            r = cache[n] = fn(n)
        return r
    return wrapper


@memo
def collatz_len(n):
    return 1 if n == 1 else 1 + collatz_len(n // 2 if n % 2 == 0 else 3 * n + 1)


def main(scale):
    counter = make_counter()
    for i in range(scale):
        counter(i & 3)
    adders = [make_adder(k) for k in range(10)]
    pipeline = adders[0]
    for a in adders[1:]:
        pipeline = compose(a, pipeline)
    acc = 0
    for i in range(scale // 10):
        acc = (acc + pipeline(i)) % 1000003
    mapped = sum(map(lambda x: x * 2 + 1, range(scale)))
    filtered = len(list(filter(lambda x: x % 7 == 3, range(scale))))
    best = max(range(1, scale // 10), key=collatz_len)
    print("closures", scale, counter(0), acc, mapped, filtered, best, collatz_len(best))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SCALE)

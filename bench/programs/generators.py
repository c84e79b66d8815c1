# bench: generator pipelines, yield from over trees, generator expressions feeding builtins
import sys

DEFAULT_SCALE = 1000000


def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x


def squares(it):
    for x in it:
        yield x * x


def running_mod(it, m):
    total = 0
    for x in it:
        total = (total + x) % m
        yield total


class Tree:
    __slots__ = ("left", "value", "right")

    def __init__(self, left, value, right):
        self.left = left
        self.value = value
        self.right = right

    def __iter__(self):
        if self.left is not None:
            yield from self.left
        yield self.value
        if self.right is not None:
            yield from self.right


def build(lo, hi):
    if lo >= hi:
        return None
    mid = (lo + hi) // 2
    return Tree(build(lo, mid), mid, build(mid + 1, hi))


def main(scale):
    last = 0
    for last in running_mod(squares(evens(numbers(scale))), 1000003):
        pass
    gsum = sum(x * 3 for x in range(scale) if x % 3 == 1)
    tree = build(0, scale // 4)
    tsum = 0
    for v in tree:
        tsum += v
    values = list(tree)
    ordered = all(a < b for a, b in zip(values, values[1:]))
    print("generators", scale, last, gsum, tsum, ordered)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SCALE)

# bench: list sorting - ints, floats, strings, tuples, key functions, reverse and already-sorted runs
import sys

DEFAULT_SCALE = 200000


def lcg(seed):
    x = seed
    while True:
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        yield x


def main(scale):
    g = lcg(42)
    ints = [next(g) % 1000000 for _ in range(scale)]
    floats = [next(g) / 7.0 for _ in range(scale // 2)]
    strs = ["s%07d" % (next(g) % 10000000) for _ in range(scale // 2)]
    tuples = [(x % 100, x % 7, x) for x in ints[: scale // 2]]
    a = sorted(ints)
    b = sorted(floats, reverse=True)
    c = sorted(strs)
    d = sorted(tuples)
    e = sorted(ints, key=lambda x: (x % 1000, -x))
    f = sorted(a)
    h = sorted(a[::-1])
    ints.sort(key=str)
    checksum = 0
    for i in range(0, scale, max(1, scale // 1000)):
        checksum = (checksum * 31 + a[i] + e[i] + ints[i]) % 1000000007
    ok = all(a[i] <= a[i + 1] for i in range(len(a) - 1)) and f == a and h == a
    print("list_sort", scale, checksum, c[0], c[-1], d[0], d[-1], "%.4f" % b[0], ok)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SCALE)

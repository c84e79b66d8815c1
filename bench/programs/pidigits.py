# bench: digits of pi with an unbounded spigot algorithm (big-integer arithmetic)
import sys

DEFAULT_SCALE = 4000


def pi_digits(count):
    q, r, t, k, n, l = 1, 0, 1, 1, 3, 3
    out = []
    while len(out) < count:
        if 4 * q + r - t < n * t:
            out.append(n)
            q, r, n = 10 * q, 10 * (r - n * t), (10 * (3 * q + r)) // t - 10 * n
        else:
            q, r, t, k, n, l = q * k, (2 * q + r) * l, t * l, k + 1, (q * (7 * k + 2) + r * l) // (t * l), l + 2
    return out


def main(scale):
    digits = pi_digits(scale)
    text = "".join(map(str, digits))
    checksum = 0
    for d in digits:
        checksum = (checksum * 31 + d) % 1000000007
    print("pidigits", scale, text[:20], text[-20:], "sum", sum(digits), "checksum", checksum)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SCALE)

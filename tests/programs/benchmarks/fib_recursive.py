# benchmarks: small-scale copy of bench/programs/fib_recursive.py - naive recursive fibonacci (function call overhead, small-int arithmetic)
import sys

DEFAULT_SCALE = 18


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main(scale):
    print("fib_recursive", scale, fib(scale))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SCALE)

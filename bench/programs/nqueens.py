# bench: N-queens solution counting (recursion with sets) plus permutation-filter variant for small N
import sys
from itertools import permutations

DEFAULT_SCALE = 11


def count_backtrack(n):
    cols = set()
    diag1 = set()
    diag2 = set()

    def place(row):
        if row == n:
            return 1
        total = 0
        for c in range(n):
            if c in cols or (row + c) in diag1 or (row - c) in diag2:
                continue
            cols.add(c)
            diag1.add(row + c)
            diag2.add(row - c)
            total += place(row + 1)
            cols.remove(c)
            diag1.remove(row + c)
            diag2.remove(row - c)
        return total

    return place(0)


def count_permutations(n):
    cols = range(n)
    return sum(1 for vec in permutations(cols)
               if n == len(set(vec[i] + i for i in cols)) == len(set(vec[i] - i for i in cols)))


def main(scale):
    results = [count_backtrack(n) for n in range(4, scale + 1)]
    again = [count_backtrack(n) for n in range(scale, 3, -1)][::-1]
    if again != results:
        raise AssertionError("inconsistent n-queens counts")
    perm_n = max(1, min(scale - 3, 8))
    print("nqueens", scale, results, "perm", perm_n, count_permutations(perm_n))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SCALE)

# Slicing a short list and assigning to a slice of it, as fannkuch's inner
# loop does (`perm[:k + 1] = perm[k::-1]`, `perm1[:]`): slice objects, the
# new list and the slice assignment. Per iteration: one two-part slice, one
# reversed three-part slice, one slice assignment, one full copy.
import sys


def main(n):
    perm = [3, 1, 4, 1, 5, 9, 2, 6]
    total = 0
    for i in range(n):
        k = i & 3
        perm[:k + 1] = perm[k::-1]
        copy = perm[:]
        total += copy[0]
    print(total)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 100000)

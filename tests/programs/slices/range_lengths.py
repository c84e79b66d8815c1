"""Lengths of ranges and slices at the edges of the machine word."""
import sys
M = sys.maxsize
for r in [range(0), range(5), range(-5, 5, 3), range(5, -5, -3), range(-M-1, M, 1<<62), range(M, -M-1, -(1<<61)), range(3, 3), range(1, 10, -1), range(10, 1, 2), range(-M-1, M, M), range(0, 10, M)]:
    print(len(r), list(r)[:5], r[-1] if len(r) else None)
l = list(range(20))
print(l[2:17:3], l[::-4], l[15:3:-2], len(l[::7]))

for r in [range(-M-1, M, 2), range(M, -M-1, -2), range(-M-1, M), range(0, M)]:
    try:
        print(len(r))
    except OverflowError as e:
        print("OverflowError", e)
print(len(range(-M-1, M, 4)), bool(range(-M-1, M, 2)))

# micro: set churn as in nqueens: three `in` tests, an add and a remove per iteration on a set of about four ints; bench/tools/per_iteration.sh counts its instructions per iteration
import sys
n = int(sys.argv[1])
def run(n):
    cols = set()
    hits = 0
    for i in range(n):
        c = i % 8
        if c in cols or (c + 3) in cols or (c - 5) in cols:
            hits += 1
        cols.add(c)
        if len(cols) > 3:
            cols.remove((c - 3) % 8)
    return hits
run(n)

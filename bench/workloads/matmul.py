"""Numeric work on shared input matrices: integer matrix multiply split by rows, where every worker reads all of B.

C = A x B for n x n integer matrices (entries from an inline LCG, below
1000). Worker w computes the rows w, w + workers, ... of C, reading its rows
of A and all of B (held transposed, as a tuple of column tuples). The
inputs are 2 n**2 small ints: small enough that subinterpreters pay little
to copy them, big enough that the copy shows in the distribution time.

Expected winner: free threads (share A and B for free, N x); subinterpreters
close behind (same scaling, plus copying the matrices into each
interpreter); GIL threads 1x.

Answer: (n, trace, per-row sums, per-row weighted sums sum_j (j+1) C[i][j]).
check() verifies every row sum and weighted row sum without multiplying
matrices (Freivalds-style: C r = A (B r)), and the trace directly.
"""

CATEGORY = "numeric"
M = 2147483647


def _matrix(n, seed):
    x = seed
    rows = []
    for _ in range(n):
        row = []
        for _ in range(n):
            x = x * 48271 % M
            row.append(x % 1000)
        rows.append(tuple(row))
    return tuple(rows)


def setup(scale):
    n = int(100 * scale ** (1.0 / 3.0)) or 1
    a = _matrix(n, 12345)
    b = _matrix(n, 67890)
    bt = tuple(tuple(b[k][j] for k in range(n)) for j in range(n))
    return {"n": n, "a": a, "bt": bt}


def work(data, worker, workers):
    n, a, bt = data["n"], data["a"], data["bt"]
    out = []
    for i in range(worker, n, workers):
        row = a[i]
        c = [sum([x * y for x, y in zip(row, col)]) for col in bt]
        out.append((i, c[i], sum(c), sum((j + 1) * v for j, v in enumerate(c))))
    return out


def combine(parts):
    rows = sorted(r for p in parts for r in p)
    return (len(rows), sum(r[1] for r in rows), tuple(r[2] for r in rows),
            tuple(r[3] for r in rows))


def check(answer, scale):
    data = setup(scale)
    n, a, bt = data["n"], data["a"], data["bt"]
    got_n, trace, row_sums, weighted = answer
    if got_n != n or len(row_sums) != n or len(weighted) != n:
        raise AssertionError("expected %d rows, got %d" % (n, got_n))
    # B r for r = (1, ..., 1) and r = (1, 2, ..., n); bt[j][k] = B[k][j].
    b_ones = [sum(bt[j][k] for j in range(n)) for k in range(n)]
    b_ramp = [sum((j + 1) * bt[j][k] for j in range(n)) for k in range(n)]
    for i in range(n):
        if row_sums[i] != sum(a[i][k] * b_ones[k] for k in range(n)):
            raise AssertionError("row %d sum is wrong" % i)
        if weighted[i] != sum(a[i][k] * b_ramp[k] for k in range(n)):
            raise AssertionError("row %d weighted sum is wrong" % i)
    if trace != sum(a[i][k] * bt[i][k] for i in range(n) for k in range(n)):
        raise AssertionError("trace is wrong")

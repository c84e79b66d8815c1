"""Numeric CPU work split by rows: pure-Python float loops scale with free threads and subinterpreters, not under the GIL.

Each worker computes the escape counts of every `workers`-th row of a
Mandelbrot image (rows interleaved, so the expensive middle rows are spread
evenly). The data sent to workers is three numbers, the result per row one
integer: nothing to share, nothing to copy.

Expected winner: free threading (`--mode nogil` threads, CPython 3.13t) and
subinterpreters tie, both near N x on N cores; threads under the GIL stay at
1x (the GIL lets one thread run bytecode at a time). Subinterpreters pay only
their start-up (interpreter creation and importing this file).

Answer: (rows, total iterations, checksum, per-row iteration sums) --
floats are only used per pixel, in the same order in every model, so the
answer is exact.
"""

CATEGORY = "numeric"


def setup(scale):
    size = int(170 * scale ** 0.5) or 1
    return {"width": size, "height": size, "max_iter": 60}


def row_counts(y, width, height, max_iter):
    """Escape iteration count of each pixel in row y."""
    ci = 2.0 * y / height - 1.0
    out = []
    for x in range(width):
        cr = 3.0 * x / width - 2.0
        zr = zi = 0.0
        n = 0
        while n < max_iter:
            zr2 = zr * zr
            zi2 = zi * zi
            if zr2 + zi2 > 4.0:
                break
            zi = 2.0 * zr * zi + ci
            zr = zr2 - zi2 + cr
            n += 1
        out.append(n)
    return out


def work(data, worker, workers):
    w, h, m = data["width"], data["height"], data["max_iter"]
    part = []
    for y in range(worker, h, workers):
        counts = row_counts(y, w, h, m)
        part.append((y, sum(counts), sum(i * c for i, c in enumerate(counts)) % 1000003))
    return part


def combine(parts):
    rows = sorted(r for part in parts for r in part)
    total = sum(r[1] for r in rows)
    check = 0
    for y, s, weighted in rows:
        check = (check * 31 + s * 7 + weighted) % 1000000007
    return (len(rows), total, check, tuple(r[1] for r in rows))


def check(answer, scale):
    data = setup(scale)
    w, h, m = data["width"], data["height"], data["max_iter"]
    rows, total, _checksum, per_row = answer
    if rows != h or len(per_row) != h:
        raise AssertionError("expected %d rows, got %d" % (h, rows))
    if sum(per_row) != total:
        raise AssertionError("row sums do not add up to the total")
    # Recompute every 8th row with complex numbers (a different code path).
    for y in range(0, h, 8):
        c_im = 2.0 * y / h - 1.0
        total_y = 0
        for x in range(w):
            c = complex(3.0 * x / w - 2.0, c_im)
            z = 0j
            n = 0
            while n < m and z.real * z.real + z.imag * z.imag <= 4.0:
                z = complex(z.real * z.real - z.imag * z.imag + c.real,
                            2.0 * z.real * z.imag + c.imag)
                n += 1
            total_y += n
        if total_y != per_row[y]:
            raise AssertionError("row %d: %d iterations, recomputed %d" % (y, per_row[y], total_y))

"""Numeric CPU work with a deterministic random stream: Monte Carlo estimate of pi from an inline LCG, split in independently seeded chunks.

Each of a fixed number of chunks draws its own stream from the Park-Miller
"minimal standard" generator (x = 48271 x mod 2**31 - 1), seeded from the
chunk index, so the points and the hit count do not depend on how chunks
are assigned to workers. Integer-only arithmetic: the answer is exact.

Expected winner: free threads and subinterpreters, near N x on N cores; the
GIL serialises the loop. This is the textbook "embarrassingly parallel" case
(compare with `primes`: same shape, but every iteration calls no function,
so it measures the raw bytecode loop).

Answer: (total samples, hits inside the quarter circle, per-chunk hits).
check() recomputes two chunks with the generator advanced by modular
exponentiation (x_k = x_0 * 48271**k mod M, a different code path) and
checks that 4 * hits / samples is within 0.02 of pi.
"""

CATEGORY = "numeric"
CHUNKS = 32
M = 2147483647
A = 48271


def setup(scale):
    return {"samples_per_chunk": int(27000 * scale) or 1, "chunks": CHUNKS}


def _seed(c):
    return (c * 2654435761 + 12345) % M or 1


def _chunk_hits(c, samples):
    x = _seed(c)
    r2 = (1 << 30) * (1 << 30)
    hits = 0
    for _ in range(samples):
        x = x * A % M
        px = x >> 1
        x = x * A % M
        py = x >> 1
        if px * px + py * py < r2:
            hits += 1
    return hits


def work(data, worker, workers):
    n = data["samples_per_chunk"]
    return [(c, _chunk_hits(c, n), n) for c in range(worker, data["chunks"], workers)]


def combine(parts):
    chunks = sorted(r for p in parts for r in p)
    per_chunk = tuple(h for _c, h, _n in chunks)
    samples = sum(n for _c, _h, n in chunks)
    return (samples, sum(per_chunk), per_chunk)


def check(answer, scale):
    n = setup(scale)["samples_per_chunk"]
    total, hits, per_chunk = answer
    if total != n * CHUNKS or len(per_chunk) != CHUNKS or sum(per_chunk) != hits:
        raise AssertionError("inconsistent answer %r" % (answer[:2],))
    r2 = (1 << 30) * (1 << 30)
    for c in (0, CHUNKS - 1):
        seed = _seed(c)
        got = 0
        for k in range(n):
            px = (seed * pow(A, 2 * k + 1, M) % M) >> 1
            py = (seed * pow(A, 2 * k + 2, M) % M) >> 1
            got += px * px + py * py < r2
        if got != per_chunk[c]:
            raise AssertionError("chunk %d: %d hits, recomputed %d" % (c, per_chunk[c], got))
    est = 4.0 * hits / total
    if abs(est - 3.141592653589793) > 0.02:
        raise AssertionError("pi estimate %r is too far off" % est)

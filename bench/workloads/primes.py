"""Numeric CPU work split in fixed chunks: counting primes by trial division, a loop of integer arithmetic that scales wherever bytecode runs in parallel.

The range [2, N) is cut into a fixed number of chunks (independent of the
worker count, so the answer never depends on the split); worker w takes
chunks w, w + workers, ... Work grows with the chunk index (bigger numbers,
more divisors to try), and the interleaving spreads it evenly.

Expected winner: free threads and subinterpreters, both close to N x on N
cores (nothing is shared but three integers); threads under the GIL stay at
1x. The only difference between the two winners is interpreter start-up.

Answer: (number of chunks, number of primes below N, sum of those primes, per-chunk
counts); check() compares with a sieve of Eratosthenes.
"""

CATEGORY = "numeric"
CHUNKS = 32


def setup(scale):
    return {"limit": int(160000 * scale) + 2, "chunks": CHUNKS}


def _is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def _bounds(limit, chunks, c):
    return limit * c // chunks, limit * (c + 1) // chunks


def work(data, worker, workers):
    limit, chunks = data["limit"], data["chunks"]
    part = []
    for c in range(worker, chunks, workers):
        lo, hi = _bounds(limit, chunks, c)
        count = 0
        total = 0
        for n in range(lo, hi):
            if _is_prime(n):
                count += 1
                total += n
        part.append((c, count, total))
    return part


def combine(parts):
    chunks = sorted(r for p in parts for r in p)
    return (len(chunks), sum(r[1] for r in chunks), sum(r[2] for r in chunks),
            tuple(r[1] for r in chunks))


def check(answer, scale):
    limit = setup(scale)["limit"]
    n_chunks, count, total, per_chunk = answer
    if n_chunks != CHUNKS or len(per_chunk) != CHUNKS:
        raise AssertionError("expected %d chunks, got %d" % (CHUNKS, n_chunks))
    sieve = bytearray([1]) * limit
    sieve[0:2] = b"\x00\x00"
    i = 2
    while i * i < limit:
        if sieve[i]:
            sieve[i * i::i] = bytearray(len(range(i * i, limit, i)))
        i += 1
    primes = [n for n in range(limit) if sieve[n]]
    if count != len(primes):
        raise AssertionError("%d primes below %d, sieve says %d" % (count, limit, len(primes)))
    if total != sum(primes):
        raise AssertionError("sum of primes %d, sieve says %d" % (total, sum(primes)))
    for c in range(CHUNKS):
        lo, hi = _bounds(limit, CHUNKS, c)
        expect = sum(sieve[lo:hi])
        if per_chunk[c] != expect:
            raise AssertionError("chunk %d: %d primes, sieve says %d" % (c, per_chunk[c], expect))
    if limit > 100000 and sum(sieve[:100000]) != 9592:   # pi(10**5), a known value
        raise AssertionError("pi(100000) != 9592")

"""Workers that mostly wait: each request sleeps (a stand-in for a network or disk wait) and then does a little work, so every model overlaps the waits.

A fixed list of requests is split among workers; each request sleeps 2 ms
(`time.sleep` releases the GIL, as a blocking socket read would) and then
computes a small checksum. The computation is about 5% of the time.

Expected winner: all models scale nearly N x, GIL threads included: waiting
does not need the GIL. This is the case threads were always good at under
the GIL; subinterpreters add only their start-up cost. Compare with
`convoy`, where the same waits share the process with CPU-bound work.

Answer: (requests, checksum sum). check() computes the sum directly.
"""

import time

CATEGORY = "io"
WAIT_S = 0.002


def setup(scale):
    return {"requests": int(60 * scale) or 1}


def handle(r):
    acc = r
    for i in range(300):
        acc = (acc * 31 + i) % 1000003
    return acc


def work(data, worker, workers):
    total = 0
    n = 0
    for r in range(worker, data["requests"], workers):
        time.sleep(WAIT_S)
        total += handle(r)
        n += 1
    return (n, total)


def combine(parts):
    return (sum(p[0] for p in parts), sum(p[1] for p in parts))


def check(answer, scale):
    n = setup(scale)["requests"]
    expect = (n, sum(handle(r) for r in range(n)))
    if answer != expect:
        raise AssertionError("got %r, expected %r" % (answer, expect))

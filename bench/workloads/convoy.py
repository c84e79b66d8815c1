"""The convoy effect: an I/O-bound worker beside a CPU-bound one; under a GIL every wake-up from a wait queues behind the CPU thread for a switch interval.

The job is a fixed amount of CPU work (integer loops in chunks) plus a fixed
number of short I/O requests (sleep 0.5 ms, then a tiny computation), about
the same time each. With one
worker, it does both, one after the other. With several, even-numbered
workers share the CPU chunks and odd-numbered workers share the I/O
requests, so I/O and CPU work overlap.

Expected winner: free threads and subinterpreters: with 2 workers the run
takes about max(CPU, I/O) instead of their sum. GIL threads gain little or
nothing from the second worker although the two halves barely compete for
the CPU: after each sleep the I/O thread must take the GIL back from the CPU
thread, which gives it up only when the switch interval (5 ms by default)
expires, so while the CPU half runs each 0.5 ms request costs ~5 ms: the
convoy effect (David Beazley, 2010). Try `sys.setswitchinterval` to see the
knob move it.

Answer: (CPU checksum, I/O checksum, I/O requests). check() recomputes both.
"""

import time

CATEGORY = "io"
CHUNKS = 16
WAIT_S = 0.0005


def setup(scale):
    return {"chunk_iters": int(90000 * scale) or 1, "requests": int(200 * scale) or 1}


def cpu_chunk(c, iters):
    acc = c
    for i in range(iters):
        acc = (acc * 48271 + i) % 2147483647
    return acc


def io_request(r):
    time.sleep(WAIT_S)
    return (r * 2654435761) % 65521


def work(data, worker, workers):
    if workers == 1:
        cpu_workers, io_workers, cpu_index, io_index = 1, 1, 0, 0
    else:
        cpu_workers = (workers + 1) // 2
        io_workers = workers // 2
        cpu_index = worker // 2 if worker % 2 == 0 else None
        io_index = worker // 2 if worker % 2 == 1 else None
    cpu = 0
    io = 0
    n_io = 0
    if cpu_index is not None:
        for c in range(cpu_index, CHUNKS, cpu_workers):
            cpu = (cpu + cpu_chunk(c, data["chunk_iters"])) % 1000000007
    if io_index is not None:
        for r in range(io_index, data["requests"], io_workers):
            io += io_request(r)
            n_io += 1
    return (cpu, io, n_io)


def combine(parts):
    return (sum(p[0] for p in parts) % 1000000007, sum(p[1] for p in parts),
            sum(p[2] for p in parts))


def check(answer, scale):
    data = setup(scale)
    cpu = sum(cpu_chunk(c, data["chunk_iters"]) for c in range(CHUNKS)) % 1000000007
    io = sum((r * 2654435761) % 65521 for r in range(data["requests"]))
    expect = (cpu, io, data["requests"])
    if answer != expect:
        raise AssertionError("got %r, expected %r" % (answer, expect))

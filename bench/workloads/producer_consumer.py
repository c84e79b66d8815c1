"""A producer/consumer pipeline over one bounded queue: workers parse records, hand them over through the queue, and consumers aggregate them.

Every worker is both a producer and a consumer: for each of its share of a
fixed list of text records it parses the record into a tuple and puts it on
a shared bounded queue (from `workload_support.make_queue`), then takes one
item off the queue (usually someone else's) and folds it into its running
totals. Each worker takes exactly as many items as it put, so the queue is
empty at the end of every run, no worker can block forever, and the
totals over all workers do not depend on who consumed what.

Expected winner: the queue decides. Under threads the items are shared
objects handed over by reference, with a lock and condition variable per
operation; free threads run the parsing in parallel but contend on the one
queue. Subinterpreters must copy every item into and out of a
cross-interpreter queue; the work per item is small, so the copying and
hand-off cost dominate. GIL threads: no parallelism, but cheap hand-offs.

Answer: (records, total quantity, total value in cents, name checksum).
check() computes the same totals with a plain loop.
"""

import workload_support

CATEGORY = "pipeline"
NAMES = ("apple", "pear", "plum", "fig", "kiwi", "lime", "date", "quince")
M = 2147483647


def _records(n):
    x = 1234
    out = []
    for i in range(n):
        x = x * 48271 % M
        name = NAMES[x % 8] + str(x % 97)
        x = x * 48271 % M
        qty = 1 + x % 50
        x = x * 48271 % M
        price = "%d.%02d" % (x % 300, (x >> 9) % 100)
        out.append("%d;%s;%d;%s" % (i, name, qty, price))
    return tuple(out)


def setup(scale):
    return {"records": _records(int(20000 * scale) or 1),
            "queue": workload_support.make_queue(64)}


def parse(line):
    ident, name, qty, price = line.split(";")
    units, cents = price.split(".")
    return (int(ident), name, int(qty), int(units) * 100 + int(cents))


def name_code(name):
    h = 0
    for ch in name:
        h = (h * 131 + ord(ch)) % 1000003
    return h


def work(data, worker, workers):
    records, q = data["records"], data["queue"]
    put, get = workload_support.put, workload_support.get
    count = qty_total = value_total = names = 0
    for i in range(worker, len(records), workers):
        put(q, parse(records[i]))
        _ident, name, qty, cents = get(q)
        count += 1
        qty_total += qty
        value_total += qty * cents
        names = (names + name_code(name)) % 1000000007
    return (count, qty_total, value_total, names)


def combine(parts):
    return (sum(p[0] for p in parts), sum(p[1] for p in parts),
            sum(p[2] for p in parts), sum(p[3] for p in parts) % 1000000007)


def check(answer, scale):
    records = _records(int(20000 * scale) or 1)
    qty_total = value_total = names = 0
    for line in records:
        fields = line.split(";")
        qty = int(fields[2])
        cents = round(float(fields[3]) * 100)
        qty_total += qty
        value_total += qty * cents
        names = (names + name_code(fields[1])) % 1000000007
    expect = (len(records), qty_total, value_total, names)
    if answer != expect:
        raise AssertionError("got %r, expected %r" % (answer, expect))

"""A large shared read-only dataset with little work per item: copying the data into each interpreter costs more than the work itself.

setup() builds a table of records (tuples of an int id, a short str and
two ints) and a dict from id to record. Each worker makes one light pass
over its slice of the table (a filter and a sum, with one dict lookup per
record). Under threads every worker reads the one table in place; under
subinterpreters the whole dataset is sent to every worker interpreter.

Expected winner: free threads (scale, and share the data for free). GIL
threads: 1x but no copying, so they still beat subinterpreters. Subinterpreters:
`distribute_s` (copying the table and dict to N interpreters) is several
times `work_s`; the share-nothing model loses unless the data can be shared
without copying (immutable, shareable objects) or work per byte is large.

Answer: (records, matching records, sum of values of matches). check()
recomputes it with the closed formula used to build the table.
"""

CATEGORY = "shared-data"
M = 2147483647
TAGS = ("red", "green", "blue", "cyan", "magenta", "yellow", "black")


def _record(i):
    v = (i * 2654435761) % M
    return (i, TAGS[v % 7], v % 1000, (v >> 10) % 100)


def setup(scale):
    n = int(100000 * scale) or 1
    table = tuple(_record(i) for i in range(n))
    by_id = {r[0]: r for r in table}
    return {"table": table, "by_id": by_id}


def work(data, worker, workers):
    table, by_id = data["table"], data["by_id"]
    n = len(table)
    lo, hi = n * worker // workers, n * (worker + 1) // workers
    count = 0
    total = 0
    for k in range(lo, hi):
        rid, tag, value, weight = table[k]
        if tag[0] in "rgb" and weight < 50:
            count += 1
            total += value + by_id[(rid * 7) % n][2]
    return (hi - lo, count, total)


def combine(parts):
    return (sum(p[0] for p in parts), sum(p[1] for p in parts), sum(p[2] for p in parts))


def check(answer, scale):
    n = int(100000 * scale) or 1
    count = 0
    total = 0
    for i in range(n):
        _rid, tag, value, weight = _record(i)
        if tag in ("red", "green", "blue", "black") and weight < 50:
            count += 1
            total += value + _record((i * 7) % n)[2]
    if answer != (n, count, total):
        raise AssertionError("got %r, expected %r" % (answer, (n, count, total)))

"""An object graph shaped as a tree: a balanced binary search tree of nested tuples that every worker queries (lookups and range sums).

setup() builds a balanced BST from sorted keys; each node is a tuple
(key, value, left, right, subtree size, subtree value sum), leaves are
None. Every worker answers its share of a fixed list of queries: point
lookups and range sums that walk root-to-leaf paths, reading the shared
tree without changing it.

Expected winner: free threads (the tree is read in place; the hot top
levels are read by every thread, the case biased and deferred reference
counting are built for). Subinterpreters scale too, but receive a copy of
the tree; a tree of tuples of ints is exactly the kind of immutable data a
runtime could share between interpreters instead of copying, so compare
the distribution time across runtimes. GIL threads 1x.

Answer: (queries, sum of lookup values, sum of range sums, a checksum).
check() answers the same queries with bisect over sorted lists.
"""

CATEGORY = "object-graph"
M = 2147483647


def _keys(n):
    return [k * 3 + 1 for k in range(n)]


def _value(k):
    return (k * 2654435761) % 1000


def _build(keys, lo, hi):
    if lo >= hi:
        return None
    mid = (lo + hi) // 2
    left = _build(keys, lo, mid)
    right = _build(keys, mid + 1, hi)
    k = keys[mid]
    v = _value(k)
    size = hi - lo
    total = v + (left[5] if left else 0) + (right[5] if right else 0)
    return (k, v, left, right, size, total)


def _queries(n, count):
    x = 4242
    top = 3 * n + 2
    out = []
    for _ in range(count):
        x = x * 48271 % M
        a = x % top
        x = x * 48271 % M
        b = a + x % (top // 8 + 1)
        out.append((a, b))
    return tuple(out)


def setup(scale):
    n = int(20000 * scale) or 1
    keys = _keys(n)
    return {"tree": _build(keys, 0, n), "queries": _queries(n, int(22000 * scale) or 1)}


def lookup(node, key):
    while node is not None:
        k = node[0]
        if key == k:
            return node[1]
        node = node[2] if key < k else node[3]
    return 0


def _sum_ge(node, lo):
    """Sum of values with key >= lo."""
    total = 0
    while node is not None:
        if node[0] >= lo:
            total += node[1] + (node[3][5] if node[3] else 0)
            node = node[2]
        else:
            node = node[3]
    return total


def range_sum(root, lo, hi):
    """Sum of values with lo <= key < hi."""
    return _sum_ge(root, lo) - _sum_ge(root, hi)


def work(data, worker, workers):
    tree, queries = data["tree"], data["queries"]
    out = []
    for i in range(worker, len(queries), workers):
        a, b = queries[i]
        out.append((i, lookup(tree, a), range_sum(tree, a, b)))
    return out


def combine(parts):
    rows = sorted(r for p in parts for r in p)
    checksum = 0
    for _i, v, s in rows:
        checksum = (checksum * 1000003 + v * 65537 + s) % 2305843009213693951
    return (len(rows), sum(r[1] for r in rows), sum(r[2] for r in rows), checksum)


def check(answer, scale):
    import bisect
    n = int(20000 * scale) or 1
    keys = _keys(n)
    values = [_value(k) for k in keys]
    prefix = [0]
    for v in values:
        prefix.append(prefix[-1] + v)
    where = {k: v for k, v in zip(keys, values)}
    queries = _queries(n, int(22000 * scale) or 1)
    checksum = 0
    lookups = 0
    sums = 0
    for a, b in queries:
        v = where.get(a, 0)
        s = prefix[bisect.bisect_left(keys, b)] - prefix[bisect.bisect_left(keys, a)]
        lookups += v
        sums += s
        checksum = (checksum * 1000003 + v * 65537 + s) % 2305843009213693951
    expect = (len(queries), lookups, sums, checksum)
    if answer != expect:
        raise AssertionError("got %r, expected %r" % (answer, expect))

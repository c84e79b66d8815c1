"""Allocation-heavy work: building and dropping many small objects (instances, tuples, dicts, lists) per chunk, the allocator and reference counting under load.

Each of a fixed number of chunks builds a linked list of small class
instances, a list of tuples and a list of small dicts, walks them to compute
a few integers, and drops them all. Nothing is shared between workers: the
objects are born, used and freed by the thread that made them.

Expected winner: free threads and subinterpreters (per-thread allocation,
no shared reference counts; near N x if the allocator and the collector
scale). GIL threads 1x. A runtime whose allocator or cyclic collector takes
a global lock shows it here: compare 2-worker efficiency between gilgamesh
nogil and CPython 3.13t.

Answer: per-chunk (linked-list sum, tuple checksum, dict checksum). check()
compares every chunk with closed forms of the same sums.
"""

CATEGORY = "allocation"
CHUNKS = 16


class Node:
    __slots__ = ("value", "next")

    def __init__(self, value, next):
        self.value = value
        self.next = next


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


def setup(scale):
    return {"objects": int(4800 * scale) or 1, "chunks": CHUNKS}


def chunk(c, n):
    head = None
    for i in range(n):
        head = Node(i + c, head)
    linked = 0
    node = head
    while node is not None:
        linked += node.value
        node = node.next
    pts = [Point(i - c, 2 * i + c) for i in range(n)]
    pairs = [(p.x, p.y, p.norm1()) for p in pts]
    tup = 0
    for x, y, d in pairs:
        tup += x * 3 + y + d
    dicts = [{"id": i, "sq": i * i, "tag": (c, i % 7)} for i in range(n)]
    dsum = 0
    for d in dicts:
        dsum += d["sq"] - d["id"] + d["tag"][1]
    strs = [str(i) for i in range(n)]
    return (linked, tup, dsum, len("".join(strs)))


def work(data, worker, workers):
    n = data["objects"]
    return [(c,) + chunk(c, n) for c in range(worker, data["chunks"], workers)]


def combine(parts):
    rows = sorted(r for p in parts for r in p)
    return tuple(r[1:] for r in rows)


def _expected(c, n):
    linked = n * (n - 1) // 2 + n * c
    # x = i - c, y = 2i + c, d = |x| + |y|; y >= 0 for all i here.
    s_i = n * (n - 1) // 2
    tup = 3 * (s_i - n * c) + (2 * s_i + n * c)
    tup += sum(abs(i - c) for i in range(n)) + (2 * s_i + n * c)
    sq = (n - 1) * n * (2 * n - 1) // 6
    dsum = sq - s_i + sum(i % 7 for i in range(n))
    digits = sum(len(str(i)) for i in range(n))
    return (linked, tup, dsum, digits)


def check(answer, scale):
    n = setup(scale)["objects"]
    if len(answer) != CHUNKS:
        raise AssertionError("expected %d chunks, got %d" % (CHUNKS, len(answer)))
    for c in range(CHUNKS):
        if answer[c] != _expected(c, n):
            raise AssertionError("chunk %d: got %r, expected %r" % (c, answer[c], _expected(c, n)))

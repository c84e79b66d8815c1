"""An object graph traversed from many sources: breadth-first search over a shared adjacency dict, one BFS per source.

setup() builds a sparse random graph (an inline LCG picks each node's
neighbours; edges are made symmetric) as a dict from node to a tuple of
neighbours. Every worker runs a BFS from each of its share of a fixed list
of source nodes, touching most of the graph each time, and reports how many
nodes it reached, the sum of their distances and the eccentricity.

Expected winner: free threads: every thread walks the same dict and tuples
in place. Subinterpreters scale the searches as well but must first copy
the whole graph into each interpreter (many small tuples: watch the
distribution time). GIL threads 1x. Each BFS allocates its own visited
dict and frontier lists, so the run also stresses per-thread allocation.

Answer: (sources, total distance, per-source (reached, distance sum,
eccentricity)). check() recomputes sampled sources with a level-synchronous
search over sets (a different algorithm).
"""

CATEGORY = "object-graph"
M = 2147483647


def _graph(n, degree, seed):
    x = seed
    adj = [set() for _ in range(n)]
    for u in range(n):
        for _ in range(degree):
            x = x * 48271 % M
            # mostly local edges plus a few long ones: a graph with some depth
            if x % 8:
                v = (u + 1 + x % 40) % n
            else:
                x = x * 48271 % M
                v = x % n
            if v != u:
                adj[u].add(v)
                adj[v].add(u)
    return {u: tuple(sorted(adj[u])) for u in range(n)}


def setup(scale):
    n = int(3000 * scale ** 0.5) or 2
    graph = _graph(n, 2, 99)
    sources = tuple((s * 7919) % n for s in range(int(120 * scale ** 0.5) or 1))
    return {"graph": graph, "sources": sources}


def bfs(graph, source):
    dist = {source: 0}
    frontier = [source]
    d = 0
    total = 0
    while frontier:
        d += 1
        nxt = []
        for u in frontier:
            for v in graph[u]:
                if v not in dist:
                    dist[v] = d
                    nxt.append(v)
        total += d * len(nxt)
        frontier = nxt
    return len(dist), total, d - 1


def work(data, worker, workers):
    graph, sources = data["graph"], data["sources"]
    return [(i,) + bfs(graph, sources[i]) for i in range(worker, len(sources), workers)]


def combine(parts):
    rows = sorted(r for p in parts for r in p)
    return (len(rows), sum(r[2] for r in rows), tuple(r[1:] for r in rows))


def check(answer, scale):
    data = setup(scale)
    graph, sources = data["graph"], data["sources"]
    n, total, per_source = answer
    if n != len(sources) or len(per_source) != n or sum(r[1] for r in per_source) != total:
        raise AssertionError("inconsistent answer")
    for i in range(0, n, 10):
        seen = {sources[i]}
        level = {sources[i]}
        dsum = 0
        depth = 0
        while True:
            nxt = set()
            for u in level:
                nxt.update(graph[u])
            nxt -= seen
            if not nxt:
                break
            depth += 1
            dsum += depth * len(nxt)
            seen |= nxt
            level = nxt
        if (len(seen), dsum, depth) != per_source[i]:
            raise AssertionError("source %d: got %r, recomputed %r"
                                 % (sources[i], per_source[i], (len(seen), dsum, depth)))

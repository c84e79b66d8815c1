# larger: graph algorithms BFS, DFS, topological sort, Dijkstra with heapq, connected components
import heapq
from collections import deque

edges = [("A", "B", 4), ("A", "C", 2), ("B", "C", 5), ("B", "D", 10), ("C", "E", 3),
         ("E", "D", 4), ("D", "F", 11), ("E", "F", 20), ("G", "H", 1)]
graph = {}
for u, v, w in edges:
    graph.setdefault(u, []).append((v, w))
    graph.setdefault(v, []).append((u, w))
for n in graph:
    graph[n].sort()

def bfs(start):
    seen = {start}
    order = []
    q = deque([start])
    while q:
        n = q.popleft()
        order.append(n)
        for m, _ in graph[n]:
            if m not in seen:
                seen.add(m)
                q.append(m)
    return order

def dfs(start):
    seen = set()
    order = []
    def visit(n):
        seen.add(n)
        order.append(n)
        for m, _ in graph[n]:
            if m not in seen:
                visit(m)
    visit(start)
    return order

def dfs_iter(start):
    seen = set()
    order = []
    stack = [start]
    while stack:
        n = stack.pop()
        if n in seen:
            continue
        seen.add(n)
        order.append(n)
        for m, _ in reversed(graph[n]):
            if m not in seen:
                stack.append(m)
    return order

def dijkstra(src):
    dist = {src: 0}
    prev = {}
    pq = [(0, src)]
    while pq:
        d, n = heapq.heappop(pq)
        if d > dist.get(n, float("inf")):
            continue
        for m, w in graph[n]:
            nd = d + w
            if nd < dist.get(m, float("inf")):
                dist[m] = nd
                prev[m] = n
                heapq.heappush(pq, (nd, m))
    return dist, prev

def path(prev, src, dst):
    p = [dst]
    while p[-1] != src:
        p.append(prev[p[-1]])
    return p[::-1]

def components():
    seen = set()
    comps = []
    for n in sorted(graph):
        if n not in seen:
            comp = bfs(n)
            seen.update(comp)
            comps.append(sorted(comp))
    return comps

def toposort(deps):
    indeg = {n: 0 for n in deps}
    for n, ds in deps.items():
        for d in ds:
            indeg.setdefault(d, 0)
    for n, ds in deps.items():
        for d in ds:
            indeg[n] += 1
    rev = {}
    for n, ds in deps.items():
        for d in ds:
            rev.setdefault(d, []).append(n)
    ready = sorted(n for n, k in indeg.items() if k == 0)
    out = []
    while ready:
        n = ready.pop(0)
        out.append(n)
        for m in sorted(rev.get(n, [])):
            indeg[m] -= 1
            if indeg[m] == 0:
                ready.append(m)
                ready.sort()
    if len(out) != len(indeg):
        raise ValueError("cycle detected")
    return out

print("bfs", bfs("A"))
print("dfs", dfs("A"))
print("dfs_iter", dfs_iter("A"))
dist, prev = dijkstra("A")
print(sorted(dist.items()))
for target in ["D", "F", "E"]:
    print(target, dist[target], "->".join(path(prev, "A", target)))
print("components", components())
deps = {"app": ["lib", "utils"], "lib": ["core"], "utils": ["core"], "core": [], "tests": ["app"]}
print("topo", toposort(deps))
try:
    toposort({"a": ["b"], "b": ["a"]})
except ValueError as e:
    print("ValueError", e)
grid = ["S.#.....",
        ".##.###.",
        "....#...",
        "#.#...#E"]
def grid_bfs(grid):
    R, C = len(grid), len(grid[0])
    start = next((r, c) for r in range(R) for c in range(C) if grid[r][c] == "S")
    q = deque([(start, 0)])
    seen = {start}
    while q:
        (r, c), d = q.popleft()
        if grid[r][c] == "E":
            return d
        for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)):
            nr, nc = r + dr, c + dc
            if 0 <= nr < R and 0 <= nc < C and grid[nr][nc] != "#" and (nr, nc) not in seen:
                seen.add((nr, nc))
                q.append(((nr, nc), d + 1))
    return -1
print("grid shortest path", grid_bfs(grid))

# larger: Conway's game of life on a small torus and on an unbounded set-based grid
def step_torus(grid):
    R, C = len(grid), len(grid[0])
    new = []
    for r in range(R):
        row = []
        for c in range(C):
            n = sum(grid[(r + dr) % R][(c + dc) % C] for dr in (-1, 0, 1) for dc in (-1, 0, 1) if dr or dc)
            row.append(1 if n == 3 or (n == 2 and grid[r][c]) else 0)
        new.append(row)
    return new

def show(grid):
    return "\n".join("".join("#" if x else "." for x in row) for row in grid)

glider = [[0] * 8 for _ in range(8)]
for r, c in [(0, 1), (1, 2), (2, 0), (2, 1), (2, 2)]:
    glider[r][c] = 1
g = glider
for gen in range(5):
    print(f"gen {gen}:")
    print(show(g))
    g = step_torus(g)
for _ in range(27):
    g = step_torus(g)
print("after 32 generations population", sum(map(sum, g)))
print(show(g))

def step_set(live):
    counts = {}
    for (r, c) in live:
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                if dr or dc:
                    k = (r + dr, c + dc)
                    counts[k] = counts.get(k, 0) + 1
    return {k for k, n in counts.items() if n == 3 or (n == 2 and k in live)}

r_pentomino = {(0, 1), (0, 2), (1, 0), (1, 1), (2, 1)}
live = r_pentomino
pops = []
for i in range(200):
    live = step_set(live)
    if i % 20 == 19:
        pops.append(len(live))
print("r-pentomino populations", pops)
rs = [r for r, c in live]
cs = [c for r, c in live]
print("bounding box", min(rs), max(rs), min(cs), max(cs))
blinker = {(0, 0), (0, 1), (0, 2)}
print(sorted(step_set(blinker)), step_set(step_set(blinker)) == blinker)

# tuples: as dict keys and set members, coordinates in grids
grid = {}
for r in range(3):
    for c in range(3):
        grid[(r, c)] = r * 3 + c
print(grid[(1, 2)], grid[2, 0], (1, 1) in grid, len(grid))
visited = {(0, 0), (0, 1), (1, 1)}
visited.add((0, 0))
print(sorted(visited), len(visited))
moves = [(0, 1), (1, 0), (0, -1), (-1, 0)]
pos = (0, 0)
path = [pos]
for i in range(8):
    dr, dc = moves[i % 4]
    pos = (pos[0] + dr * (i + 1), pos[1] + dc * (i + 1))
    path.append(pos)
print(path)
counts = {}
for w in "a b a c b a".split():
    key = (w, len(w))
    counts[key] = counts.get(key, 0) + 1
print(sorted(counts.items()))

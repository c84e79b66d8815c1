# larger: sudoku solver using backtracking with constraint sets and most-constrained-cell heuristic
PUZZLE = """
53..7....
6..195...
.98....6.
8...6...3
4..8.3..1
7...2...6
.6....28.
...419..5
....8..79
"""

def parse(text):
    rows = [line.strip() for line in text.strip().splitlines()]
    return [[0 if ch == "." else int(ch) for ch in row] for row in rows]

def show(board):
    lines = []
    for r in range(9):
        if r and r % 3 == 0:
            lines.append("------+-------+------")
        parts = []
        for c in range(9):
            if c and c % 3 == 0:
                parts.append("|")
            parts.append(str(board[r][c]) if board[r][c] else ".")
        lines.append(" ".join(parts))
    return "\n".join(lines)

class Solver:
    def __init__(self, board):
        self.b = [row[:] for row in board]
        self.rows = [set() for _ in range(9)]
        self.cols = [set() for _ in range(9)]
        self.boxes = [set() for _ in range(9)]
        self.steps = 0
        for r in range(9):
            for c in range(9):
                v = self.b[r][c]
                if v:
                    self.place(r, c, v)
    def box(self, r, c):
        return (r // 3) * 3 + c // 3
    def place(self, r, c, v):
        self.b[r][c] = v
        self.rows[r].add(v)
        self.cols[c].add(v)
        self.boxes[self.box(r, c)].add(v)
    def remove(self, r, c, v):
        self.b[r][c] = 0
        self.rows[r].discard(v)
        self.cols[c].discard(v)
        self.boxes[self.box(r, c)].discard(v)
    def candidates(self, r, c):
        used = self.rows[r] | self.cols[c] | self.boxes[self.box(r, c)]
        return [v for v in range(1, 10) if v not in used]
    def solve(self):
        best = None
        for r in range(9):
            for c in range(9):
                if not self.b[r][c]:
                    cands = self.candidates(r, c)
                    if best is None or len(cands) < len(best[2]):
                        best = (r, c, cands)
        if best is None:
            return True
        r, c, cands = best
        for v in cands:
            self.steps += 1
            self.place(r, c, v)
            if self.solve():
                return True
            self.remove(r, c, v)
        return False

def valid(board):
    groups = []
    groups += [row for row in board]
    groups += [[board[r][c] for r in range(9)] for c in range(9)]
    groups += [[board[br + r][bc + c] for r in range(3) for c in range(3)] for br in (0, 3, 6) for bc in (0, 3, 6)]
    return all(sorted(g) == list(range(1, 10)) for g in groups)

board = parse(PUZZLE)
print(show(board))
s = Solver(board)
print("solved:", s.solve(), "steps:", s.steps)
print(show(s.b))
print("valid:", valid(s.b))
hard = parse("""
..9748...
7........
.2.1.9...
..7...24.
.64.1.59.
.98...3..
...8.3.2.
........6
...2759..
""")
h = Solver(hard)
print("hard solved:", h.solve(), "valid:", valid(h.b))
print("".join(str(v) for v in h.b[0]), "".join(str(v) for v in h.b[8]))
bad = [row[:] for row in board]
bad[0][2] = 5
bs = Solver(bad)
print("contradictory puzzle solvable:", bs.solve())

# larger: matrix class with operator overloading, determinant, inverse via Gauss-Jordan using Fractions-free ints
class Matrix:
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]
        self.n = len(rows)
        self.m = len(rows[0]) if rows else 0
    @classmethod
    def identity(cls, n):
        return cls([[1 if i == j else 0 for j in range(n)] for i in range(n)])
    def __repr__(self):
        width = max(len(str(x)) for r in self.rows for x in r)
        return "\n".join("[" + " ".join(str(x).rjust(width) for x in r) + "]" for r in self.rows)
    def __eq__(self, o):
        return self.rows == o.rows
    def __add__(self, o):
        return Matrix([[a + b for a, b in zip(r1, r2)] for r1, r2 in zip(self.rows, o.rows)])
    def __sub__(self, o):
        return Matrix([[a - b for a, b in zip(r1, r2)] for r1, r2 in zip(self.rows, o.rows)])
    def __mul__(self, o):
        if isinstance(o, (int, float)):
            return Matrix([[a * o for a in r] for r in self.rows])
        if self.m != o.n:
            raise ValueError(f"shape mismatch {self.n}x{self.m} * {o.n}x{o.m}")
        cols = list(zip(*o.rows))
        return Matrix([[sum(a * b for a, b in zip(r, c)) for c in cols] for r in self.rows])
    __rmul__ = __mul__
    def __pow__(self, k):
        result = Matrix.identity(self.n)
        base = self
        while k:
            if k & 1:
                result = result * base
            base = base * base
            k >>= 1
        return result
    def T(self):
        return Matrix(list(map(list, zip(*self.rows))))
    def det(self):
        if self.n == 1:
            return self.rows[0][0]
        if self.n == 2:
            (a, b), (c, d) = self.rows
            return a * d - b * c
        total = 0
        for j in range(self.m):
            minor = Matrix([r[:j] + r[j + 1:] for r in self.rows[1:]])
            total += (-1) ** j * self.rows[0][j] * minor.det()
        return total
    def inverse_scaled(self):
        """Returns (adjugate, det) so that inverse = adjugate / det, all integers."""
        d = self.det()
        n = self.n
        cof = []
        for i in range(n):
            row = []
            for j in range(n):
                minor = Matrix([r[:j] + r[j + 1:] for k, r in enumerate(self.rows) if k != i])
                row.append((-1) ** (i + j) * minor.det())
            cof.append(row)
        return Matrix(cof).T(), d
    def solve(self, b):
        n = self.n
        a = [list(map(float, r)) + [float(v)] for r, v in zip(self.rows, b)]
        for col in range(n):
            piv = max(range(col, n), key=lambda r: abs(a[r][col]))
            a[col], a[piv] = a[piv], a[col]
            for r in range(n):
                if r != col:
                    f = a[r][col] / a[col][col]
                    a[r] = [x - f * y for x, y in zip(a[r], a[col])]
        return [round(a[i][n] / a[i][i], 9) for i in range(n)]

A = Matrix([[2, -1, 0], [1, 3, 2], [0, 1, 4]])
B = Matrix([[1, 0, 2], [0, 1, 0], [3, 0, 1]])
print(A + B)
print(A - B)
print(A * B)
print(B * A == A * B)
print(A * 3)
print(2 * B)
print(A.T())
print("det A", A.det(), "det B", B.det(), "det AB", (A * B).det(), A.det() * B.det())
adj, d = A.inverse_scaled()
print(adj, d)
print(A * adj == Matrix.identity(3) * d)
F = Matrix([[1, 1], [1, 0]])
print((F ** 50).rows[0][1], (F ** 90).rows[0][1])
print(A.solve([1, 2, 3]))
try:
    A * Matrix([[1, 2]])
except ValueError as e:
    print("ValueError", e)
M4 = Matrix([[(i * 7 + j * 3) % 5 - 2 for j in range(4)] for i in range(4)])
print(M4)
print("det M4", M4.det())

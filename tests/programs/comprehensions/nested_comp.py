# comprehensions: deeply nested comprehensions and comprehension-based algorithms
n = 6
primes = [p for p in range(2, 60) if all(p % d for d in range(2, p))]
print(primes)
print([[1 if i == j else 0 for j in range(4)] for i in range(4)])
triples = [(a, b, c) for c in range(1, 30) for b in range(1, c) for a in range(1, b) if a * a + b * b == c * c]
print(triples)
def qsort(xs):
    if not xs:
        return []
    p = xs[0]
    return qsort([x for x in xs[1:] if x < p]) + [p] + qsort([x for x in xs[1:] if x >= p])
print(qsort([5, 3, 8, 1, 9, 2, 7, 5]))
A = [[1, 2], [3, 4]]
B = [[5, 6], [7, 8]]
print([[sum(A[i][k] * B[k][j] for k in range(2)) for j in range(2)] for i in range(2)])
queens = [[]]
for row in range(n):
    queens = [q + [c] for q in queens for c in range(n)
              if all(c != qc and abs(c - qc) != row - qr for qr, qc in enumerate(q))]
print(len(queens), queens[0])
print(sum(1 for x in range(1000) if "7" in str(x)))

# comprehensions: larger comprehension workloads (sieve, matrix, counting) with checksums
N = 3000
sieve = [i for i in range(2, N) if all(i % p for p in range(2, int(i ** 0.5) + 1))]
print(len(sieve), sieve[-5:], sum(sieve))
mat = [[(i * j) % 7 for j in range(50)] for i in range(50)]
print(sum(sum(r) for r in mat), sum(mat[i][i] for i in range(50)))
counts = {d: sum(1 for x in range(10000) if str(x).count(str(d)) >= 2) for d in range(10)}
print(counts)
squares = {x * x for x in range(1000)}
print(sum(1 for a in range(1, 100) for b in range(a, 100) if a * a + b * b in squares))

# comprehensions: list comprehensions with conditions, nested loops, expressions
print([x * 2 for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([x if x % 2 else -x for x in range(6)])
print([(x, y) for x in range(3) for y in range(x, 3)])
print([c for word in ["ab", "cd"] for c in word])
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for i in range(3) for row in matrix])
print([[row[i] for row in matrix] for i in range(3)])
print([sum(row) for row in matrix], [v for row in matrix for v in row if v % 2])
print([len(w) for w in "the quick brown fox".split()])
print([i * j for i in range(1, 4) for j in range(1, 4) if i != j])
print([[0] * i for i in range(4)])
print([str(x) + s for x in (1, 2) for s in "ab"])

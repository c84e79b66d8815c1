# sets: set comprehensions, dedup preserving order, set of tuples
print({x % 5 for x in range(20)}, sorted({x * x for x in range(-3, 4)}))
data = [3, 1, 3, 2, 1, 5, 2]
seen = set()
out = [x for x in data if not (x in seen or seen.add(x))]
print(out)
pairs = {(a, b) for a in range(3) for b in range(3) if a < b}
print(sorted(pairs))
print(sorted({len(w) for w in ["a", "bb", "cc", "ddd"]}))
print(set(range(100)) - {x for x in range(100) if x % 3}, len({i % 7 for i in range(1000)}))

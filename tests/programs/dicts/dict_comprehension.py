# dicts: dict comprehensions, inversion, filtering, nested dicts
sq = {x: x * x for x in range(6)}
print(sq)
inv = {v: k for k, v in sq.items()}
print(inv)
print({k: v for k, v in sq.items() if v % 2 == 0})
words = ["apple", "bob", "kayak", "tree"]
print({w: w == w[::-1] for w in words})
nested = {i: {j: i * j for j in range(3)} for i in range(3)}
print(nested, nested[2][1])
print({c: "abcabc".count(c) for c in "abc"})
print({(i, j): i + j for i in range(2) for j in range(2)})

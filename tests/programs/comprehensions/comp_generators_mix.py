# comprehensions: comprehensions over generators, zip/enumerate, and comprehension returning functions
def gen(n):
    for i in range(n):
        yield i * 3
print([x for x in gen(5)], {x % 2 for x in gen(5)}, {x: x // 3 for x in gen(4)})
print([(i, c) for i, c in enumerate("abc") if i != 1])
print([a * b for a, b in zip(range(1, 5), range(10, 50, 10))])
funcs = [(lambda x, k=k: x ** k) for k in range(4)]
print([f(2) for f in funcs])
print(sum([x for x in range(101)]), len([1 for _ in range(37)]))
words = ["Hello", "World", "from", "Comprehensions"]
print([w.lower() for w in words if len(w) > 4], [w[::-1] for w in words], ["".join(sorted(w.lower())) for w in words])
print([[c for c in w if c.isupper()] for w in words])

# generators: infinite generators with manual islice-like break, cycling, interleaving
def cycle(seq):
    while True:
        for x in seq:
            yield x
def islice(it, n):
    out = []
    for x in it:
        if len(out) >= n:
            break
        out.append(x)
    return out
print(islice(cycle("abc"), 8))
def interleave(*gens):
    gens = list(gens)
    while gens:
        for g in list(gens):
            try:
                yield next(g)
            except StopIteration:
                gens.remove(g)
print(list(interleave(iter([1, 2, 3]), iter("ab"), iter([]))))
def collatz(n):
    while True:
        yield n
        if n == 1:
            return
        n = n // 2 if n % 2 == 0 else 3 * n + 1
print(list(collatz(27))[:20], len(list(collatz(27))))
def hailstone_lengths():
    n = 1
    while True:
        yield n, sum(1 for _ in collatz(n))
        n += 1
best = (0, 0)
for n, l in hailstone_lengths():
    if n > 1000:
        break
    if l > best[1]:
        best = (n, l)
print(best)

# generators: chained generator pipelines (like unix pipes)
text = """alpha 10
beta 25
# comment
gamma 7

delta 42
alpha 5"""
def lines(t):
    for line in t.splitlines():
        yield line
def non_blank(ls):
    return (l for l in ls if l.strip() and not l.startswith("#"))
def parse(ls):
    for l in ls:
        name, val = l.split()
        yield name, int(val)
def running_total(pairs):
    total = 0
    for name, v in pairs:
        total += v
        yield name, v, total
for row in running_total(parse(non_blank(lines(text)))):
    print(row)
def take(n, it):
    for i, x in enumerate(it):
        if i >= n:
            return
        yield x
def naturals():
    n = 0
    while True:
        yield n
        n += 1
def primes():
    for n in naturals():
        if n > 1 and all(n % d for d in range(2, int(n ** 0.5) + 1)):
            yield n
print(list(take(15, primes())))
def window(it, n):
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) == n:
            yield tuple(buf)
            buf.pop(0)
print(list(window(range(6), 3)))
def batch(it, n):
    b = []
    for x in it:
        b.append(x)
        if len(b) == n:
            yield b
            b = []
    if b:
        yield b
print(list(batch("abcdefg", 3)))

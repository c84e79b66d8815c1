# generators: basic yield, lazy evaluation, state between yields, generator objects
def count_up(n):
    print("start")
    i = 0
    while i < n:
        print("yielding", i)
        yield i
        i += 1
    print("end")
g = count_up(3)
print(type(g).__name__)
for v in g:
    print("got", v)
print(list(count_up(0)))
def squares():
    n = 1
    while True:
        yield n * n
        n += 1
out = []
for s in squares():
    if s > 100:
        break
    out.append(s)
print(out)
g2 = squares()
print([next(g2) for _ in range(5)])
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(15)])
print(sum(x for x in range(10)), iter(g2) is g2)
def evens(seq):
    for x in seq:
        if x % 2 == 0:
            yield x
print(list(evens(range(11))), max(evens([3, 8, 1, 6])))

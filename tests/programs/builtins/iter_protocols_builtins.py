# builtins: builtins consuming iterators (list, tuple, set, dict, sum, min, sorted, join) from generators
def g(n):
    for i in range(n):
        yield i
print(list(g(3)), tuple(g(3)), set(g(3)), sum(g(5)), min(g(4)), max(g(4)), sorted(g(3), reverse=True))
print(dict((i, i * i) for i in g(3)), "-".join(str(i) for i in g(4)), len(list(g(7))))
print(list(map(lambda x: x + 1, g(3))), list(filter(lambda x: x % 2, g(6))), list(zip(g(3), g(5))))
print(any(g(0)), all(g(0)), list(enumerate(g(2))), list(reversed(list(g(3)))))

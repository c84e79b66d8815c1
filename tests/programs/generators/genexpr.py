# generators: generator expressions, laziness, single-use, passing to functions
g = (x * x for x in range(5))
print(type(g).__name__, list(g), list(g))
print(sum(x for x in range(100) if x % 3 == 0), max(len(w) for w in ["a", "abc", "ab"]))
print(any(x > 3 for x in [1, 5]), all(x > 0 for x in []), "".join(c.upper() for c in "abc"))
log = []
def src():
    for i in range(3):
        log.append(f"produce {i}")
        yield i
pipe = (x * 10 for x in src())
log.append("created")
for v in pipe:
    log.append(f"consume {v}")
print(log)
nested = ((i, j) for i in range(3) for j in range(i))
print(list(nested))
print(sorted((x % 4 for x in range(10)), reverse=True))
print(dict((k, len(k)) for k in ["a", "bb"]), set(c for c in "aabbc" if c != "c") == {"a", "b"})
def first(it, pred):
    return next((x for x in it if pred(x)), None)
print(first(range(100), lambda x: x * x > 50), first([], bool))
x = 10
g = (x + i for i in range(3))
x = 100
print(list(g))

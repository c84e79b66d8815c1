# builtins: enumerate, zip (incl. strict), map with multiple iterables, filter with None
print(list(enumerate("abc")), list(enumerate("abc", 1)), list(enumerate([], 5)))
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1])), list(zip(*["ab", "cd"])))
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as e:
    print("ValueError", e)
print(list(map(pow, [2, 3], [3, 2])), list(map(str.upper, "ab")), list(map(lambda a, b, c: a + b + c, "ab", "cd", "ef")))
print(list(filter(None, [0, 1, "", "x", [], [0]])), list(filter(str.isdigit, "a1b2")))
e = enumerate("xy")
print(next(e), next(e), type(e).__name__)
z = zip(range(3), range(10, 13))
print(next(z), list(z))
m = map(int, ["1", "2"])
print(type(m).__name__, list(m), list(m))
keys = ["a", "b", "c"]
vals = [1, 2, 3]
print(dict(zip(keys, vals)), {k: v for k, v in zip(keys, vals)})

# containers: len/min/max/sum/sorted/any/all across container types
data = {"list": [3, 1, 2], "tuple": (9, 8), "set": {4, 5, 6}, "dict": {7: "a", 1: "b"}, "str": "zyx", "range": range(4)}
for name, c in data.items():
    print(name, len(c), min(c), max(c), sorted(c), any(c), all(c))
print(sum([1.5, 2.5]), sum((1, 2), 10), sum([], 0), max([], default="empty"), min([5], default=0))
print(list(zip([1, 2, 3], "ab")), dict(zip("abc", range(3))), list(map(len, ["a", "bb", ""])))
print(sorted({3: 1, 1: 2}.items()), list(enumerate({5, 6})))

# modules/collections: defaultdict (list/int/set/lambda), Counter incl. most_common and arithmetic
from collections import defaultdict, Counter
dd = defaultdict(list)
for k, v in [("a", 1), ("b", 2), ("a", 3)]:
    dd[k].append(v)
print(dd, dict(dd), dd["missing"], len(dd))
ci = defaultdict(int)
for ch in "hello world":
    ci[ch] += 1
print(sorted(ci.items()))
nested = defaultdict(lambda: defaultdict(int))
nested["x"]["y"] += 5
print(nested["x"]["y"], "z" in nested, nested.default_factory is not None)
ds = defaultdict(set)
ds[1].add("a"); ds[1].add("a"); ds[2].add("b")
print({k: sorted(v) for k, v in ds.items()})
nodef = defaultdict()
try:
    nodef["k"]
except KeyError as e:
    print("KeyError", e)
c = Counter("abracadabra")
print(c, c["a"], c["zzz"], c.most_common(2), c.most_common()[-1])
c2 = Counter({"a": 1, "b": 5})
print(c + c2, c - c2, c & c2, c | c2)
c.update("aaa"); c.subtract({"b": 10})
print(c["a"], c["b"], sorted(c.elements())[:6], c.total() if hasattr(c, "total") else sum(c.values()))
words = "the cat the dog the end a cat".split()
wc = Counter(words)
print(wc.most_common(3), list(wc), len(wc))
print(Counter([1, 1, 2]) == Counter({1: 2, 2: 1}), +Counter({"x": -1, "y": 2}), dict(Counter(a=3)))

# sets: `in` and `not in` on sets and frozensets with small ints, strs, bools, floats, big ints, and elements whose __eq__ or __hash__ is Python code; subclasses with their own __contains__
class Key:
    def __init__(self, v):
        self.v = v
        self.calls = 0

    def __hash__(self):
        return hash(self.v)

    def __eq__(self, other):
        self.calls += 1
        return isinstance(other, Key) and other.v == self.v or other == self.v


s = {0, 1, 2, -1, -2, 2**40, "a", "bb", "", 1.5, (1, 2)}
for x in [0, 1, 2, 3, -1, -2, -3, 2**40, 2**70, "a", "b", "bb", "", 1.0, 1.5, 2.5, True, False, (1, 2), None]:
    print(repr(x), x in s, x not in s, x in frozenset(s))

k = Key(7)
t = {k, 8}
print(7 in t, k.calls > 0)
print(Key(7) in t, 8 in t, 9 in t)
u = {Key("x")}
print("x" in u, "y" in u)


class Odd(set):
    def __contains__(self, x):
        return x == 42


o = Odd({1, 2})
print(1 in o, 42 in o, 1 not in o)


class Plain(set):
    pass


p = Plain({1, "z"})
print(1 in p, "z" in p, 3 in p)

try:
    [1] in {1}
except TypeError as e:
    print("TypeError:", e)

# Elements removed and re-added (dummy slots on the probe path).
churn = set()
hits = 0
for i in range(200):
    c = i % 8
    if c in churn or (c + 3) in churn or (c - 5) in churn:
        hits += 1
    churn.add(c)
    if len(churn) > 3:
        churn.remove((c - 3) % 8)
print(hits, sorted(churn))

# Dicts: keys of every kind, including ones whose __eq__ is Python code.
d = {0: "z", 1: "o", "a": 1, 2**40: 2, 1.5: 3, (1, 2): 4, Key("k"): 5}
for x in [0, 1, 2, True, False, 1.0, "a", "b", 2**40, 2**70, 1.5, (1, 2), "k", None]:
    print(repr(x), x in d, x not in d)


class DictIn(dict):
    def __contains__(self, x):
        return x == "only"


print("a" in DictIn(a=1), "only" in DictIn())
try:
    {} in {}
except TypeError as e:
    print("TypeError:", e)

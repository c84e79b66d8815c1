# sets: frozenset operations, hashability, sets of frozensets
f = frozenset([1, 2, 3])
g = frozenset([3, 4])
print(f, f | g, f & g, f - g, f ^ g, type(f | g).__name__, type({1} | f).__name__, type(f | {1}).__name__)
print(frozenset(), len(f), 2 in f)
d = {f: "first", g: "second"}
print(d[frozenset([3, 2, 1])])
power = {frozenset()}
for x in [1, 2, 3]:
    power |= {s | {x} for s in power}
print(len(power), sorted(sorted(s) for s in power))
try:
    f.add(4)
except AttributeError as e:
    print("AttributeError", e)
try:
    {{1}}
except TypeError as e:
    print("TypeError", e)
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])))

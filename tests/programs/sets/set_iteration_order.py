# sets: CPython-specific iteration order of small-int sets (hash == value, open addressing); isolates layout dependence
print({3, 1, 2}, set([5, 4, 3, 2, 1]), {0, 7, 1})
print({8, 1}, {1, 8}, {9, 4, 1, 0}, {16, 0})
s = set()
for v in [10, 3, 7, 1]:
    s.add(v)
print(s, list(s), [x for x in s])
s.discard(3)
s.add(40)
print(s)
print({-1, -2, 5}, {1, 2, 3} | {100}, frozenset([6, 2, 4]))

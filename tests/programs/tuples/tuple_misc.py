# tuples: tuple comparisons in sorting, tuple() of generators, nested tuple repr, count/index with equal values
records = [(3, "c"), (1, "b"), (3, "a"), (2, "z"), (1, "a")]
print(sorted(records), sorted(records, key=lambda t: (-t[0], t[1])), min(records), max(records))
t = tuple(x * x for x in range(5))
print(t, t[1:4], t.count(4), t.index(9), (1, 2.0, True).count(1), (1, (2, (3, (4,)))))
print(tuple(zip("ab", "cd")), tuple(enumerate("xy")), tuple({}.items()), tuple(range(0)))
print((1, 2) + (3,), (1,) * 0, len(((),)), bool(()), bool(((),)))
a = (1, [2, 3])
a[1].append(4)
print(a, a == (1, [2, 3, 4]))
print(divmod(17, 5), tuple(reversed((1, 2, 3))), sum((1, 2, 3)), sorted((3, 1, 2)))

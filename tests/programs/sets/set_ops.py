# sets: union, intersection, difference, symmetric difference (operators and methods), small ints
a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b, [7]), a.intersection(b, {4}), a.difference([1], (2,)), a.symmetric_difference(range(3, 8)))
print(a <= b, {1, 2} <= a, {1, 2} < a, a < a, a >= {1}, a > a, a.issubset(range(10)), a.issuperset([1, 2]), a.isdisjoint({9}))
print(set(), {0}, set([3, 1, 2, 1]), set(range(5)), len({1, 1.0, True}))
print(1 in a, 9 in a, 9 not in a)
c = {1, 2, 3}
c |= {10}; print(sorted(c))
c &= {1, 2, 10, 20}; print(c)
c -= {1}; print(c)
c ^= {2, 30}; print(c)
print({1, 2} == {2, 1}, {1} == frozenset({1}), set() == frozenset())

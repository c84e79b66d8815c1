# tuples: creation, indexing, slicing, methods, immutability
t = (1, 2, 3, 2, 1)
print(t, t[0], t[-1], t[1:3], t[::-1], len(t), t.count(2), t.index(3), t.index(1, 1))
print((), (1,), (1), tuple(), tuple([1, 2]), tuple("abc"), tuple(range(3)))
single = 5,
print(single, type(single).__name__)
try:
    t[0] = 9
except TypeError as e:
    print("TypeError", e)
try:
    t.index(99)
except ValueError as e:
    print("ValueError", e)
print(t + (4,), t * 2, (0,) * 3, 2 in t, 9 not in t)
nested = ((1, 2), [3, 4])
nested[1].append(5)
print(nested)
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 99), (1, 2) == (1, 2), (1, 2) == [1, 2])
print(hash((1, 2, 3)) == hash((1, 2, 3)), hash(()) == hash(()))
try:
    hash((1, [2]))
except TypeError as e:
    print("TypeError", e)
print(max((3, 1), (2, 9)), sorted([(2, "b"), (1, "z"), (2, "a")]))

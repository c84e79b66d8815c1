# slices: range objects - iteration, len, indexing, slicing, membership, repr, negative steps
r = range(2, 20, 3)
print(r, list(r), len(r), r[0], r[-1], r[2:4], list(r[::-1]), 5 in r, 6 in r, r.index(8), r.count(11))
print(list(range(5)), list(range(5, 0, -1)), list(range(0)), list(range(3, 3)), list(range(10, 0, -3)))
print(range(0, 10) == range(0, 10, 1), range(0) == range(5, 5), len(range(-5, 5, 2)))
print(sum(range(101)), list(range(-3, 3)), max(range(7)))
big = range(10 ** 18)
print(len(big), big[-1], 10 ** 17 in big, big[10 ** 17])
try:
    range(1, 5, 0)
except ValueError as e:
    print("ValueError", e)
try:
    range(3)[5]
except IndexError as e:
    print("IndexError", e)
print(range(1, 10, 2)[1:3], range(10)[::2], reversed(range(3)).__class__.__name__)
print(list(reversed(range(1, 10, 4))), r.start, r.stop, r.step)

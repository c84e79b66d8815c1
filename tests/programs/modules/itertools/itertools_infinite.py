# modules/itertools: count, cycle, repeat with islice and manual breaks
from itertools import count, cycle, repeat, islice
print(list(islice(count(), 5)), list(islice(count(10, 3), 4)), list(islice(count(1.5, 0.5), 3)), list(islice(count(5, -2), 4)))
print(list(islice(cycle("abc"), 7)), list(islice(cycle([1, 2]), 5)))
print(list(repeat("x", 3)), list(islice(repeat(7), 4)), list(repeat(0, 0)))
for i in count(100):
    if i > 102:
        break
    print(i)
print(list(map(pow, range(5), repeat(2))))
print(next(count()), repr(count(3)), repr(repeat("a", 2)))
print(list(zip(count(1), "xyz")))

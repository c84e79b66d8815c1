# modules/itertools: groupby (with and without key), tee, zip_longest
from itertools import groupby, tee, zip_longest
print([(k, list(g)) for k, g in groupby("AAAABBBCCDAABBB")])
print([k for k, g in groupby("AAAABBBCCD")], [len(list(g)) for k, g in groupby("AAAABBBCCD")])
words = ["apple", "avocado", "banana", "blueberry", "cherry", "apricot"]
for k, g in groupby(sorted(words), key=lambda w: w[0]):
    print(k, list(g))
for k, g in groupby([1, 3, 5, 2, 4, 7, 9, 6], key=lambda x: x % 2 == 0):
    print(k, list(g))
groups = groupby("aabbc")
saved = [(k, g) for k, g in groups]
print([(k, list(g)) for k, g in saved])
a, b = tee(iter([1, 2, 3]))
print(list(a), list(b))
x, y, z = tee(range(4), 3)
print(next(x), next(x), list(y), list(x), list(z))
print(list(zip_longest("ABCD", "xy")), list(zip_longest("AB", [1, 2, 3], fillvalue="-")), list(zip_longest()))
print(list(zip_longest([1], [2], [3, 4], fillvalue=0)))

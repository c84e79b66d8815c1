# lists: iteration behaviour, enumerate, index loops, filtering by rebuilding
lst = [1, 2, 3, 4, 5, 6]
out = []
for x in lst:
    if x % 2 == 0:
        out.append(x * 10)
print(out)
lst2 = [1, 2, 3, 4, 5, 6]
for x in lst2:
    if x % 2 == 0:
        lst2.remove(x)
print(lst2)
grow = [1]
for x in grow:
    if x < 5:
        grow.append(x + 1)
print(grow)
i = 0
data = [5, 3, 8]
while i < len(data):
    data[i] *= 2
    i += 1
print(data)
it = iter([1, 2, 3])
print(list(it), list(it))
pairs = list(enumerate(["a", "b", "c"], start=10))
print(pairs)
print([v for i, v in enumerate("abcdef") if i % 2])

# basics: assignment expressions (walrus operator)
data = [3, 8, 1, 9, 4, 12, 7]
if (n := len(data)) > 5:
    print("long list", n)
print([y for x in data if (y := x * 2) > 10])
print(y)
vals = iter([5, 4, 0, 7])
out = []
while (v := next(vals)) != 0:
    out.append(v)
print(out)
total = 0
print([total := total + x for x in range(6)], total)
def f(x):
    return x * x
print([(a, s) for a in range(5) if (s := f(a)) % 2 == 0])
print((w := 10) + w)
if any((hit := x) > 8 for x in data):
    print("first over 8:", hit)

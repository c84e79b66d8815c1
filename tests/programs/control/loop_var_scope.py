# control: loop variables persisting, else clauses with return, early exit with flags
def first_negative(xs):
    for i, x in enumerate(xs):
        if x < 0:
            return i
    else:
        return -1
print(first_negative([3, 1, -2, 4]), first_negative([1, 2]))
for k in "abc":
    pass
print(k)
total = 0
for i in range(100):
    if i % 7 == 0:
        continue
    if i > 50:
        break
    total += i
print(total, i)
done = False
n = 0
while not done:
    n += 1
    done = n * n > 200
print(n)
results = []
for a in range(3):
    for b in range(3):
        if a == b:
            break
        results.append((a, b))
    else:
        results.append("no-break")
print(results)

# control: for loops with else, break, continue, nested loops breaking inner only
for n in range(2, 30):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, "is prime")
for x in []:
    print("never")
else:
    print("empty loop else runs")
for i in range(10):
    if i % 3:
        continue
    print("mult of 3:", i)
found = None
for i in range(5):
    for j in range(5):
        if i * j == 6:
            found = (i, j)
            break
    if found:
        break
print("found", found)
total = 0
for i in range(3):
    for j in range(3):
        if j == i:
            continue
        total += i * 10 + j
print(total)
for i in range(3):
    pass
print("loop var after loop", i)

# gc: 200000 self-referencing lists created in a loop must be reclaimed and finish fast
count = 0
for i in range(200000):
    a = []
    a.append(a)
    count += len(a)
print("done", count, len(a), a[0] is a)

# control: while loops with else, break and continue
n = 0
while n < 5:
    n += 1
    if n == 3:
        continue
    print("n", n)
else:
    print("while completed normally")
i = 0
while True:
    i += 1
    if i > 4:
        break
print("broke at", i)
def find(seq, target):
    i = 0
    while i < len(seq):
        if seq[i] == target:
            print("found", target, "at", i)
            break
        i += 1
    else:
        print(target, "not found")
find([1, 2, 3], 2)
find([1, 2, 3], 7)
k = 10
while k:
    k -= 3
    if k < 0:
        break
else:
    print("never")
print("k", k)
count = 0
while count < 3:
    count += 1
else:
    print("else after", count)

# control: nested loops generating patterns and tables
for i in range(1, 6):
    print(" " * (5 - i) + "*" * (2 * i - 1))
for i in range(1, 10):
    print(" ".join(f"{i * j:2d}" for j in range(1, 10)))
count = 0
for a in range(1, 30):
    for b in range(a, 30):
        for c in range(b, 30):
            if a * a + b * b == c * c:
                print("triple", a, b, c)
                count += 1
print(count)

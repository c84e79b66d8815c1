# sets: many ints, removal, membership at scale
s = set(range(0, 20000, 3))
t = set(range(0, 20000, 5))
print(len(s), len(t), len(s & t), len(s | t), len(s - t), sum(s & t))
for i in range(0, 20000, 2):
    s.discard(i)
print(len(s), min(s), max(s), 3 in s, 6 in s)
u = set()
x = 1
for _ in range(5000):
    x = (x * 1103515245 + 12345) % 2 ** 31
    u.add(x % 1000)
print(len(u), sorted(u)[:5])

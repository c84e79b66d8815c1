# Iteration order after adds and removes that reuse dummy slots (CPython set_add_entry).
s = set()
for i in range(200):
    s.add(i * 7 % 31 - 15)
    if i % 3 == 0:
        s.discard((i * 5) % 31 - 15)
print(list(s))
t = {"a", "b"}
for w in "the quick brown fox jumps over the lazy dog".split():
    t.add(w); t.discard(w[:1])
print(len(t), sorted(t))
u = set(range(20))
for i in range(0, 20, 2): u.remove(i)
for i in range(100, 110): u.add(i)
print(list(u))

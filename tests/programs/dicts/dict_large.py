# dicts: many insertions and deletions (resizing), int and str keys
d = {}
for i in range(10000):
    d[i] = i * 2
for i in range(0, 10000, 2):
    del d[i]
print(len(d), d[9999], sum(d.values()), list(d)[:5])
s = {}
for i in range(5000):
    s["key%d" % i] = i
for i in range(0, 5000, 3):
    s.pop("key%d" % i)
print(len(s), s["key1"], "key3" in s, list(s)[:4])
for i in range(100):
    d[-i] = i
print(len(d), list(d)[-3:])

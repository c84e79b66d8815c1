# Lists used from the front: pop(0), insert(0, x), del a[0] and removal near
# either end, mixed with the operations that see the whole list (slices,
# iteration, sort, reverse, comparison, copies, repr).
from collections import deque

q = list(range(10))
model = deque(range(10))
for step in range(2000):
    q.append(step)
    model.append(step)
    if step % 3 == 0:
        q.append(-1 - step)
        model.append(-1 - step)
    if step % 5 == 0:
        q.insert(0, -step)
        model.appendleft(-step)
    if q:
        assert q.pop(0) == model.popleft()
    if step % 7 == 0 and len(q) > 2:
        del q[0]
        model.popleft()
    if step % 11 == 0 and len(q) > 4:
        i = len(q) // 4
        assert q.pop(i) == model[i]
        del model[i]
    if step % 13 == 0 and len(q) > 4:
        i = len(q) - len(q) // 4
        x = q[i]
        q.remove(x)
        model.remove(x)
    assert q == list(model), step
print(len(q), q[:5], q[-5:])

# A list used as a queue keeps its order and its items.
work = [1, 2, 3]
seen = []
while work:
    x = work.pop(0)
    seen.append(x)
    if x < 40:
        work.append(x * 2)
        work.append(x * 2 + 1)
print(len(seen), seen[:12], seen[-3:])

# Operations on a list whose items start after a front offset.
a = list("abcdefghij")
a.pop(0)
a.pop(0)
a.insert(0, "Z")
print(a, a[0], a[-1], a[2:5], a[::-2], len(a))
print(sorted(a, reverse=True), a.index("e"), a.count("Z"), "c" in a)
a.reverse()
print(a)
a.sort()
print(a)
a[1:3] = ["x", "y", "z"]
print(a)
del a[:4]
print(a, a * 2, a + ["end"])
b = a.copy()
b.insert(0, "first")
print(a, b, a < b, repr(b))
for i, x in enumerate(b):
    if i == 0:
        b.pop(0)
print(b)
c = [1, 2, 3]
c.pop(0)
c.clear()
c.insert(0, 9)
c.append(10)
print(c, c.pop(0), c.pop(0), c)
try:
    c.pop(0)
except IndexError as e:
    print("IndexError:", e)
try:
    [].insert(0, 1) or [].pop(0)
except IndexError as e:
    print("IndexError:", e)
d = [0] * 5
d.insert(-100, "front")
d.insert(100, "back")
print(d)
print(d.pop(-len(d)), d)

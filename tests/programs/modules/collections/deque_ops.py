# modules/collections: deque append/appendleft/pop/popleft/extend/rotate/maxlen/index
from collections import deque
d = deque([1, 2, 3])
d.append(4); d.appendleft(0)
print(d, len(d), d[0], d[-1])
print(d.pop(), d.popleft(), d)
d.extend([7, 8]); d.extendleft([-1, -2])
print(d)
d.rotate(2); print(d)
d.rotate(-3); print(d)
print(d.count(7), d.index(7), 8 in d, list(reversed(d)))
d.remove(7); print(d)
d.clear(); print(d, bool(d))
m = deque(maxlen=3)
for i in range(6):
    m.append(i)
    print(list(m))
m.appendleft(100); print(m, m.maxlen)
m2 = deque("abcdef", maxlen=4)
print(m2)
m2.extendleft("XY"); print(m2)
try:
    deque().pop()
except IndexError as e:
    print("IndexError", e)
q = deque()
for i in range(5):
    q.append(i)
out = []
while q:
    out.append(q.popleft())
print(out)
d3 = deque(range(10))
d3[3] = "three"
del d3[0]
print(d3, d3 == deque(list(d3)), deque([1]) + deque([2]), deque([1, 2]) * 2)

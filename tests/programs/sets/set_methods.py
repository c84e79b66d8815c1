# sets: add, remove, discard, pop, clear, update variants, copy
s = {5, 1, 3}
s.add(2); s.add(3); print(s)
s.remove(5); print(s)
s.discard(100); s.discard(1); print(s)
try:
    s.remove(100)
except KeyError as e:
    print("KeyError", e)
t = s.copy(); t.add(99); print(s, sorted(t), 99 in t, 99 in s)
s.update([7, 8], {9}); print(sorted(s))
s.intersection_update({2, 3, 7, 8, 50}); print(sorted(s))
s.difference_update([7]); print(sorted(s))
s.symmetric_difference_update({3, 4}); print(sorted(s))
p = {42}
print(p.pop(), p)
try:
    p.pop()
except KeyError as e:
    print("KeyError", e)
s.clear(); print(s, len(s))

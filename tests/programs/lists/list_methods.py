# lists: append, extend, insert, remove, pop, index, count, reverse, clear, copy
a = [3, 1, 4]
a.append(1); print(a)
a.extend([5, 9]); print(a)
a.extend(range(2)); print(a)
a.insert(0, 100); a.insert(-1, 200); a.insert(99, 300); a.insert(-99, -1); print(a)
a.remove(1); print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
print(a.index(4), a.index(1), a.count(1), a.count(42))
a.reverse(); print(a)
b = a.copy(); b.append("x"); print(a, b)
b.clear(); print(b, len(b))
try:
    a.remove(999)
except ValueError as e:
    print("ValueError", e)
try:
    [].pop()
except IndexError as e:
    print("IndexError", e)
try:
    a.index(999)
except ValueError as e:
    print("ValueError", e)
print(a.index(4, 1) if 4 in a[1:] else "n/a")

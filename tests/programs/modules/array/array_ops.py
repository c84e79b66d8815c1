# modules/array: typecodes i d b l, append, extend, indexing, slicing, tolist, sum, itemsize, overflow
from array import array
ai = array("i", [1, 2, 3])
ai.append(4)
ai.extend([5, 6])
print(ai, ai[0], ai[-1], ai[1:3], ai.tolist(), sum(ai), len(ai), ai.typecode, ai.itemsize)
ad = array("d", [0.5, 1.5])
ad.append(2.25)
print(ad, sum(ad), ad.tolist(), ad.itemsize)
ab = array("b", [-128, 0, 127])
print(ab, ab.tolist())
try:
    ab.append(200)
except OverflowError as e:
    print("OverflowError", e)
al = array("l", range(5))
al[2] = 100
al.insert(0, -1)
print(al, al.index(100), al.count(3), al.pop(), al)
al.reverse(); print(al)
al.remove(100); print(al)
ai2 = array("i", [0] * 5)
for i in range(5):
    ai2[i] = i * i
print(ai2, list(reversed(ai2)), ai2 == array("i", [0, 1, 4, 9, 16]), max(ai2))
try:
    ai2.append(1.5)
except TypeError as e:
    print("TypeError", e)
print(array("i", [1, 2]) + array("i", [3]), array("d", [1.0]) * 3)
print(array("b", b"\x01\x02").tolist(), array("i").tolist())

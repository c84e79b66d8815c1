# modules/copy: copy vs deepcopy on nested containers, cycles, custom classes, __copy__/__deepcopy__
import copy
orig = {"a": [1, 2], "b": {"c": [3]}, "t": (1, [2])}
sh = copy.copy(orig)
dp = copy.deepcopy(orig)
orig["a"].append(99)
orig["b"]["c"].append(98)
orig["t"][1].append(97)
print(sh)
print(dp)
cyc = [1, 2]
cyc.append(cyc)
cc = copy.deepcopy(cyc)
print(cc[2] is cc, cc[2] is cyc, len(cc), cc[:2])
shared = [0]
pair = [shared, shared]
dpair = copy.deepcopy(pair)
print(dpair[0] is dpair[1], dpair[0] is shared)
class Node:
    def __init__(self, v):
        self.v = v
        self.next = None
        self.tags = []
n1 = Node(1); n2 = Node(2)
n1.next = n2; n2.next = n1
n1.tags.append("x")
m1 = copy.deepcopy(n1)
print(m1.v, m1.next.v, m1.next.next is m1, m1 is not n1, m1.tags, m1.tags is not n1.tags)
s1 = copy.copy(n1)
print(s1.tags is n1.tags, s1.next is n2)
class Custom:
    def __init__(self, data):
        self.data = data
    def __copy__(self):
        print("custom __copy__")
        return Custom(self.data)
    def __deepcopy__(self, memo):
        print("custom __deepcopy__")
        return Custom(copy.deepcopy(self.data, memo))
c = Custom([1])
c2 = copy.copy(c); c3 = copy.deepcopy(c)
print(c2.data is c.data, c3.data is c.data, c3.data)
print(copy.copy(5), copy.deepcopy("s"), copy.copy((1, 2)), copy.deepcopy(frozenset({1})))
t = (1, 2)
print(copy.copy(t) is t, copy.deepcopy(t) is t)

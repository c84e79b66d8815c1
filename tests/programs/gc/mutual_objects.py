# gc: objects pointing at each other (2-cycles and rings) created in a loop
class Node:
    def __init__(self, v):
        self.v = v
        self.other = None
total = 0
for i in range(100000):
    x = Node(i)
    y = Node(-i)
    x.other = y
    y.other = x
    total += x.other.other.v
print(total)
ring_sum = 0
for i in range(5000):
    nodes = [Node(j) for j in range(10)]
    for j in range(10):
        nodes[j].other = nodes[(j + 1) % 10]
    n = nodes[0]
    for _ in range(25):
        n = n.other
    ring_sum += n.v
    del nodes
print(ring_sum)

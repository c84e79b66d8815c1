# gc: building and discarding large nested/cyclic structures repeatedly (trees with parent links)
class TreeNode:
    __slots__ = ("parent", "children", "val")
    def __init__(self, parent, val):
        self.parent = parent
        self.children = []
        self.val = val
def build(depth, parent=None, val=1):
    n = TreeNode(parent, val)
    if depth:
        n.children = [build(depth - 1, n, val * 2), build(depth - 1, n, val * 2 + 1)]
    return n
def total(n):
    return n.val + sum(total(c) for c in n.children)
s = 0
for i in range(40):
    t = build(10)
    s += total(t)
    leaf = t
    while leaf.children:
        leaf = leaf.children[-1]
    s += leaf.parent.parent.val
print(s)
chain = None
for i in range(100000):
    chain = [chain, i]
depth = 0
c = chain
while c is not None:
    depth += 1
    c = c[0]
print(depth)
chain = None
print("released")

# gc: churn of many medium-sized cyclic graphs with dicts and lists; result checksum only
class Vertex:
    def __init__(self, k):
        self.k = k
        self.adj = []
        self.meta = {"owner": self}
checksum = 0
for round_ in range(300):
    vs = [Vertex(i) for i in range(200)]
    for i, v in enumerate(vs):
        v.adj.append(vs[(i * 7 + 3) % 200])
        v.adj.append(vs[(i + 1) % 200])
    v = vs[round_ % 200]
    for _ in range(50):
        v = v.adj[v.k % 2]
    checksum = (checksum * 31 + v.k) % 1000003
print(checksum)

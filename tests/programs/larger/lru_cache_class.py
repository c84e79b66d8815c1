# larger: LRU cache implemented with a hand-written doubly linked list and dict, plus stats
class Node:
    __slots__ = ("key", "value", "prev", "next")
    def __init__(self, key=None, value=None):
        self.key = key
        self.value = value
        self.prev = self.next = None

class LRUCache:
    def __init__(self, capacity):
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        self.capacity = capacity
        self.map = {}
        self.head = Node()
        self.tail = Node()
        self.head.next = self.tail
        self.tail.prev = self.head
        self.hits = self.misses = self.evictions = 0
    def _unlink(self, node):
        node.prev.next = node.next
        node.next.prev = node.prev
    def _push_front(self, node):
        node.next = self.head.next
        node.prev = self.head
        self.head.next.prev = node
        self.head.next = node
    def get(self, key, default=None):
        node = self.map.get(key)
        if node is None:
            self.misses += 1
            return default
        self.hits += 1
        self._unlink(node)
        self._push_front(node)
        return node.value
    def put(self, key, value):
        node = self.map.get(key)
        if node:
            node.value = value
            self._unlink(node)
            self._push_front(node)
            return
        if len(self.map) >= self.capacity:
            lru = self.tail.prev
            self._unlink(lru)
            del self.map[lru.key]
            self.evictions += 1
        node = Node(key, value)
        self.map[key] = node
        self._push_front(node)
    def keys(self):
        out = []
        n = self.head.next
        while n is not self.tail:
            out.append(n.key)
            n = n.next
        return out
    def __len__(self):
        return len(self.map)
    def __contains__(self, key):
        return key in self.map
    def __repr__(self):
        return "LRU[" + ", ".join(f"{k}={self.map[k].value}" for k in self.keys()) + "]"

c = LRUCache(3)
for k, v in [("a", 1), ("b", 2), ("c", 3)]:
    c.put(k, v)
print(c)
print(c.get("a"), c)
c.put("d", 4)
print(c, "b" in c, len(c))
c.put("c", 30)
print(c)
print(c.get("zzz", "miss"), c.get("d"))
c.put("e", 5); c.put("f", 6)
print(c, c.hits, c.misses, c.evictions)
try:
    LRUCache(0)
except ValueError as e:
    print("ValueError", e)
def cached(cap):
    def deco(fn):
        cache = LRUCache(cap)
        def wrapper(n):
            r = cache.get(n)
            if r is None:
                r = fn(n)
                cache.put(n, r)
            return r
        wrapper.cache = cache
        return wrapper
    return deco
@cached(50)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(120), fib.cache.hits, fib.cache.misses, fib.cache.evictions, len(fib.cache))
big = LRUCache(100)
x = 7
for i in range(5000):
    x = (x * 31 + 11) % 257
    if big.get(x) is None:
        big.put(x, i)
print(big.hits, big.misses, big.evictions, big.keys()[:5])

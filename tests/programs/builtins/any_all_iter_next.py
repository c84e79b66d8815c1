# builtins: any, all, iter, next with default, iter(callable, sentinel)
print(any([]), all([]), any([0, 0, 1]), all([1, 1, 0]), any("a"), all(x > 0 for x in [1, 2]))
it = iter([10, 20])
print(next(it), next(it), next(it, "default"))
vals = [1, 2, 3, 0, 4]
pos = 0
def producer():
    global pos
    v = vals[pos]
    pos += 1
    return v
print(list(iter(producer, 0)))
class Count:
    def __init__(self):
        self.n = 0
    def __call__(self):
        self.n += 1
        return self.n
print(list(iter(Count(), 5)))
d = {"a": 1}
print(next(iter(d)), next(iter(d.values())), next(iter(d.items())))
s = iter("xy")
print(iter(s) is s)

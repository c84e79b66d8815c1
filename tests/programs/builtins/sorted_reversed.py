# builtins: sorted (stable, key, reverse) and reversed on sequences and custom __reversed__
print(sorted([3, 1, 2]), sorted("bca"), sorted({3: "c", 1: "a"}), sorted([2, 1], reverse=True))
data = [("a", 2), ("b", 1), ("c", 2), ("d", 1)]
print(sorted(data, key=lambda t: t[1]), sorted(data, key=lambda t: t[1], reverse=True))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(4))), list(reversed((1, 2))))
class R:
    def __reversed__(self):
        return iter("custom")
print(list(reversed(R())))
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 100
print(list(reversed(Seq())))
try:
    reversed({1, 2})
except TypeError as e:
    print("TypeError", e)
print(sorted([-3, 2, -1], key=abs), sorted(["b", "A", "c"], key=str.lower))

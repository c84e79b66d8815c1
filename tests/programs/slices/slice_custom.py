# slices: __getitem__ receiving slice objects in user classes
class Seq:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, idx):
        if isinstance(idx, slice):
            return [self[i] for i in range(*idx.indices(self.n))]
        if idx < 0:
            idx += self.n
        if not 0 <= idx < self.n:
            raise IndexError("Seq index out of range")
        return idx * idx
s = Seq(10)
print(s[3], s[-1], s[2:5], s[::-3], s[slice(1, None, 4)])
print(list(s), 49 in s, 50 in s)
class Show:
    def __getitem__(self, k):
        return k
sh = Show()
print(sh[1:2], sh[::], sh[1:2:3], sh[1, 2], sh[:, 1], sh[...])

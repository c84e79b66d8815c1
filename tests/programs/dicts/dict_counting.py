# dicts: counting / grouping / key ordering patterns
text = "the cat and the hat and the bat sat on the mat"
freq = {}
for w in text.split():
    freq[w] = freq.get(w, 0) + 1
print(freq)
print(sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
by_len = {}
for w in sorted(set(text.split())):
    by_len.setdefault(len(w), []).append(w)
print(by_len)
d = {}
d["z"] = 1; d["a"] = 2; d["m"] = 3
del d["a"]
d["a"] = 4
print(list(d.items()))
order = {k: None for k in "hello world"}
print("".join(order))
class Key:
    def __init__(self, n):
        self.n = n
    def __hash__(self):
        return self.n % 3
    def __eq__(self, other):
        return isinstance(other, Key) and self.n == other.n
    def __repr__(self):
        return f"Key({self.n})"
kd = {Key(i): i for i in range(7)}
print(kd[Key(4)], Key(9) in kd, len(kd), list(kd)[:3])

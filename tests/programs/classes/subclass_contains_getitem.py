# A subclass of a built-in type that defines __contains__ or __getitem__ is
# asked, for str and bytes as for list, tuple, dict and set (the built-in
# fast paths apply to instances whose class does not override them).
class L(list):
    def __contains__(self, x): return x == "magic"
    def __iter__(self): return iter([9, 8])
    def __getitem__(self, i): return ("L", i)
class D(dict):
    def __contains__(self, x): return True
    def __getitem__(self, k): return ("D", k)
    def __iter__(self): return iter(["only"])
class S(str):
    def __contains__(self, x): return x == 1
    def __getitem__(self, i): return "S"
    def __iter__(self): return iter("zz")
class T(tuple):
    def __contains__(self, x): return False
    def __iter__(self): return iter([7])
class St(set):
    def __contains__(self, x): return x == "yes"
    def __iter__(self): return iter([5])
l = L([1, 2]); d = D(a=1); s = S("ab"); t = T((1, 2)); st = St({1})
print("magic" in l, 1 in l, list(l), [x for x in l], l[0], sorted(l), sum(l), tuple(l))
print("zzz" in d, list(d), d["a"], [k for k in d], sorted(d), dict.__getitem__(d, "a"))
print(list(s), s[0], "".join(s), [c for c in s], set(s))
print(1 in t, list(t), [x for x in t], sum(t))
print("yes" in st, 1 in st, list(st), sorted(st))
a, b = L([1, 2])
print(a, b)
print(max(l), min(l), any(l), enumerate(l).__next__(), list(zip(l, l)), list(map(str, l)))
print(*l)
class S(str):
    def __contains__(self, x): return x == 1
    def __getitem__(self, i): return "S" + repr(i)
class B(bytes):
    def __contains__(self, x): return x == "b"
    def __getitem__(self, i): return ("B", i)
class Plain(str):
    pass
s2 = S("ab"); b = B(b"xy"); p = Plain("hello")
print(1 in s2, "a" in s2, s2[0], s2[1:], s2[::-1], list(s2), str(s2), s2.upper(), len(s2), s2 + "c")
print("b" in b, 120 in b, b[0], b[:1], list(b), bytes(b))
print("ell" in p, p[1], p[1:3], p[::-1], type(p[1:]).__name__)
try:
    1 in p
except TypeError as e:
    print("TypeError", e)
for i in range(3):
    print(s2[i], "x" in s2, b[i])

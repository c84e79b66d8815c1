# Unpacking and iteration call __iter__ once, honour subclass overrides, and report non-iterables.
class C:
    n = 0
    def __iter__(self):
        C.n += 1
        return iter([1, 2])
a, b = C()
print(a, b, C.n)
class T(tuple):
    def __iter__(self):
        return iter((9, 9))
x, y = T((1, 2))
print(x, y)
class L(list):
    def __iter__(self):
        return iter([7, 7])
x, y = L([1, 2])
print(x, y)
try:
    a, b = 5
except TypeError as e:
    print(e)
class Bad:
    def __iter__(self):
        raise TypeError("nope")
try:
    a, b = Bad()
except TypeError as e:
    print(e)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print(e)
class G:
    def __getitem__(self, i):
        if i < 2: return i * 10
        raise IndexError
p, q = G()
print(p, q)
for v in L([1, 2]):
    print("for", v)
print(list(T((1, 2))), tuple(L([3])), sorted(L([5, 1])), sum(T((1, 2))))
print([v for v in L([1, 2, 3])], set(L([4])), dict.fromkeys(T((1,))))
class S(set):
    def __iter__(self):
        return iter([42])
print(list(S({1, 2})), [*S({1})])
class U(str):
    def __iter__(self):
        return iter(["u"])
print(list(U("abc")), "".join(U("xy")))

# x[a:b] and x[a:b] = v without a step (BINARY_SLICE / STORE_SLICE): the
# bounds as small ints, None, big ints, __index__ objects and bad types, on
# lists, tuples, strings, bytes, ranges, subclasses and classes with their
# own __getitem__/__setitem__, and the order things are evaluated in.

log = []


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        log.append(("index", self.v))
        return self.v

    def __repr__(self):
        return f"Idx({self.v})"


def show(label, f):
    try:
        r = f()
        print(label, repr(r))
    except Exception as e:
        print(label, type(e).__name__, e)


L = list(range(10))
T = tuple(range(10))
S = "abcdefghij"
B = b"abcdefghij"
R = range(0, 20, 2)
for name, seq in (("list", L), ("tuple", T), ("str", S), ("bytes", B), ("range", R)):
    for lo, hi in ((None, None), (2, 5), (-3, None), (None, -3), (5, 2), (-100, 100),
                   (3, 10**30), (-10**30, 4), (Idx(1), Idx(-1)), (True, 3)):
        show(f"{name}[{lo!r}:{hi!r}]", lambda: seq[lo:hi])
    show(f"{name} bad", lambda: seq[1.5:2])
    show(f"{name} bad2", lambda: seq["a":])

t = (1, 2, 3)
print("t[:] is t", t[:] is t, t[0:3] is t, t[slice(None)] is t, t[0:2] is t)
print("l[:] is l", L[:] is L, L[:] == L)


class SubList(list):
    pass


class SubTuple(tuple):
    pass


sl = SubList([1, 2, 3, 4])
st = SubTuple((1, 2, 3, 4))
print(type(sl[1:3]).__name__, sl[1:3], type(st[:]).__name__, st[:] is st)


class Spy:
    def __getitem__(self, k):
        log.append(("get", k.start, k.stop, k.step))
        return k

    def __setitem__(self, k, v):
        log.append(("set", k.start, k.stop, k.step, v))

    def __delitem__(self, k):
        log.append(("del", k.start, k.stop, k.step))


class ListWithGet(list):
    def __getitem__(self, k):
        return ("overridden", k)

    def __setitem__(self, k, v):
        log.append(("subset", k, v))


sp = Spy()
print(sp[1:2], sp[:], sp[::2])
sp[3:4] = "v"
sp[:] = "w"
del sp[1:]
lw = ListWithGet([1, 2, 3])
print(lw[0:2])
lw[0:2] = [9]
print(list(lw), log)
log.clear()


def noisy(tag, v):
    log.append(tag)
    return v


a = [0, 1, 2, 3, 4, 5]
noisy("target", a)[noisy("lo", 1):noisy("hi", 3)] = noisy("value", [7, 8, 9])
print(a, log)
log.clear()

a = [0, 1, 2, 3, 4, 5]
a[Idx(2):Idx(4)] = (x * 10 for x in range(3) if not log.append("gen"))
print(a, log)
log.clear()

for lo, hi, v in ((None, None, []), (2, 2, "xy"), (-2, None, range(4)), (4, 1, [None]),
                  (-100, 100, [1]), (1, 10**20, ()), (None, -1, "ab")):
    a = [0, 1, 2, 3, 4, 5]
    a[lo:hi] = v
    print(lo, hi, a)

a = [1, 2, 3]
a[:] = a
a[1:] = a
print(a)
b = [1, 2, 3]
alias = b[:]
b[0:1] = alias
print(b, alias)
c = [5, 6]
c[1:1] = [c]
print(len(c), c[1] is c)

for target in ((1, 2, 3), "abc", b"abc", range(3), frozenset()):
    try:
        target[0:1] = [9]
    except TypeError as e:
        print(type(target).__name__, e)
try:
    L2 = [1, 2]
    L2["x":] = [1]
except TypeError as e:
    print("bad bound", e)
try:
    L2 = [1, 2]
    L2[0:1] = 5
except TypeError as e:
    print("not iterable", e)

m = [[0] * 4 for _ in range(3)]
for row in m:
    row[1:3] = row[2:0:-1] + [7]
print(m)
words = "the quick brown fox".split()
print([w[1:-1] for w in words], [w[:2] + w[2:] for w in words] == words)

# Item indices through __index__ too (list, tuple, str, bytes, range).


class One:
    def __index__(self):
        return 1


class BadIndex:
    def __index__(self):
        return "x"


print([5, 6, 7][One()], (5, 6, 7)[One()], "abc"[One()], b"abc"[One()], range(5)[One()])
x = [1, 2, 3]
x[One()] = 9
print(x)
for seq in ([1, 2], (1, 2), "ab", b"ab", range(2)):
    show(type(seq).__name__ + " bad index", lambda: seq[BadIndex()])
    show(type(seq).__name__ + " str index", lambda: seq["0"])
    show(type(seq).__name__ + " bad slice", lambda: seq[BadIndex():])

# str slices: ASCII and not, subclasses, the whole string.


class Sub(str):
    pass


for text in ("hello, wörld", "abcdefghij", Sub("abcdef"), ""):
    print(repr(text[:]), text[:] is text, repr(text[2:5]), repr(text[::-1]), repr(text[1::3]),
          repr(text[-3:]), repr(text[5:2]), repr(text[::2]), type(text[:]).__name__)
a = "abcdefghij"
print(a[slice(None)] is a, a[0:100] is a, a[-100:] is a, a[1:] is a)

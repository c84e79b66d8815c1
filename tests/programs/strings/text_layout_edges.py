# A str keeps its text inside its own object (ASCII text of up to 16 bytes
# fits 64 bytes, up to 32 fits 80; non-ASCII text adds its character count
# after the text), and a long text built as one result (a join, a
# replace) may keep the block it was built in. Every operation must agree
# across those edges, for ASCII and non-ASCII text alike.


def show(s):
    print(len(s), repr(s[:3]), repr(s[-3:]), s[len(s) // 2] if s else "", hash(s) == hash(s[:]))


for n in (0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 255, 256, 257, 300):
    a = "a" * n
    b = "".join(["a"] * n)
    print(n, a == b, hash(a) == hash(b), a is a[:], len(a + "x"), (a + "x")[-1])
    show(a + "b")

# Two-, three- and four-byte characters: the count word lands after text
# of every length modulo 8, in line and in a kept block.
for ch, counts in (("é", (1, 4, 7, 8, 9, 16, 128, 129)), ("€", (1, 2, 3, 5, 11, 86)), ("🐍", (1, 2, 3, 64, 65))):
    for n in counts:
        s = ch * n
        t = "".join(ch for _ in range(n))
        print(n, len(s), len(s.encode()), s == t, hash(s) == hash(t), s[n - 1] == ch, s.find(ch * 2))
        u = s + "x"
        print(len(u), u[-1], u.index("x"), u.upper() == s.upper() + "X", u[::-1][0])

# Mixed text that crosses the edge only once it is built.
parts = []
for i in range(30):
    parts.append("k%d" % i)
    j = "".join(parts)
    if i % 5 == 0:
        print(i, len(j), j[-4:], j.count("k"), j.startswith("k0k1"), j.endswith(str(i)))

# Dict keys made in different ways find each other by value.
d = {}
for n in (14, 16, 18, 30, 32, 34, 250, 260):
    d["x" * n] = n
print(sorted(d["".join(["x"] * n)] for n in d.values()))
big = "".join(["ab"] * 200)
print(len(big), big == "ab" * 200, hash(big) == hash("ab" * 200), big[199:203], big.upper()[:4])
print(sorted(len(k) for k in d if k in d))

# Splitting and joining long text into short pieces and back.
blob = ",".join("field%03d:%s" % (i, "é" * (i % 4)) for i in range(200))
fields = blob.split(",")
print(len(blob), len(fields), fields[0], fields[-1], ",".join(fields) == blob)
print(blob.replace("field", "f")[:40], len(blob.replace("é", "ee")), blob.replace(":", "::", 3)[:40])
print("a,b,,c".split(","), "a,b,,c".split(",", 1), ",".join([]), ",".join(["only"]))
try:
    ",".join(["a", 1])
except TypeError as e:
    print("TypeError", e)

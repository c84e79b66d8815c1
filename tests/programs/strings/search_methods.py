# str/bytes search methods over single-byte, multi-byte and non-ASCII needles:
# find/rfind/index/count/split/rsplit/partition/rpartition/replace, with limits.
texts = ["a,b,,c,", "item12:xyz:zz", "aaaa", "héllo wörld héllo", "", "abcabcab", "xx"]
needles = [",", ":", "aa", "héllo", "ö", "zz", "abc", "xx", "q"]
for t in texts:
    for n in needles:
        print(repr(t), repr(n), t.find(n), t.rfind(n), t.count(n), t.find(n, 2), t.rfind(n, 0, 5))
        print(" ", t.split(n), t.split(n, 1), t.rsplit(n), t.rsplit(n, 1), t.split(n, 0))
        print(" ", t.partition(n), t.rpartition(n))
        print(" ", t.replace(n, "<>"), t.replace(n, "", 1), t.replace(n, "Ω", 2), t.replace(n, "-", 0))
print("abc".replace("", "-"), "abc".replace("", "-", 2), "".replace("", "x"))
print("abc".find(""), "abc".rfind(""), "abc".count(""), "abc".find("", 5))
try:
    "abc".index("z")
except ValueError as e:
    print(e)
try:
    "a b".split("")
except ValueError as e:
    print(e)
print(b"a,b,,c".replace(b",", b";"), b"aaaa".replace(b"aa", b"b", 1), b"ab".replace(b"", b"."))
print(b"hello world".split(b"o"), b"x".join([b"1", b"2"]))
big = "ab" * 5000 + "needle" + "cd" * 5000
print(big.find("needle"), big.rfind("ab"), big.count("abab"), len(big.split("needle")[1]))

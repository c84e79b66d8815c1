# strings: center, ljust, rjust, zfill
for w in ["a", "ab", "abc", "abcdefgh"]:
    print("[" + w.center(7) + "]", "[" + w.center(6, "*") + "]", "[" + w.ljust(5, ".") + "]", "[" + w.rjust(5) + "]")
print("42".zfill(5), "-42".zfill(5), "+42".zfill(6), "abc".zfill(2), "".zfill(3), "-".zfill(3))
try:
    "x".center(5, "ab")
except TypeError as e:
    print("TypeError", e)

# builtins: int() with bases, float(), str(), bool(), list(), tuple(), dict(), set(), bin/hex/oct, chr/ord
print(int(), int("42"), int("-0x1f", 16), int("0b101", 2), int("z", 36), int(7.9), int(-7.9), int("  +5 "))
print(float(), float(3), float("-2.5"), float("1e-3"), float("  7 "), str(), str(12), str(3.0), str([1]))
print(bool(), bool(0), bool(1), bool(""), bool("0"), bool([]), bool(None))
print(list(), list("ab"), tuple(), tuple([1]), dict(), dict(a=1), set(), set("aab") == {"a", "b"})
print(bin(10), hex(255), oct(8), bin(-3), hex(0), chr(65), ord("A"), chr(ord("a") + 1))
print(list({1: 2, 3: 4}), tuple({5: 6}.items()), dict([(1, 2)]), list(range(3)))
print(int("1" * 30), float("inf") > 10 ** 300, int(float("1e18")), str(10 ** 20))
print(repr(str(b"x")), bytes("ab", "ascii"), list(b"ab"), str(None), int(False))

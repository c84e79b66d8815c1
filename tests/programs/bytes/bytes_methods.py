# bytes: methods split/join/strip/replace/find/upper/hex/fromhex/decode/startswith
b = b"  Hello, World  "
print(b.strip(), b.lower(), b.upper(), b.split(b","), b.strip().split(), b.replace(b"l", b"L"))
print(b.find(b"World"), b.count(b"l"), b.index(b"H"), b.startswith(b"  H"), b.endswith(b"  "))
print(b"-".join([b"a", b"b", b"c"]), b"abc".hex(), bytes.fromhex("deadbeef"), b"\x01\xab".hex())
print(b"hello".decode(), b"caf\xc3\xa9".decode("utf-8"), b"abc".decode("ascii"))
print(b"abc".isalpha(), b"123".isdigit(), b"ab1".isalnum(), b"  ".isspace(), b"Title".istitle())
print(b"a,b".partition(b","), b"abc".center(7, b"*"), b"7".zfill(3), b"AbC".swapcase())
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e.reason)
print(b"\xff".decode("utf-8", "replace"), b"\xff".decode("latin-1"), b"x\xffy".decode("ascii", "ignore"))
print("héllo".encode(), "héllo".encode("ascii", "replace"), "abc".encode("ascii"))

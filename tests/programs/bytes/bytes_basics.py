# bytes: literals, indexing yields int, slicing, iteration, repr
b = b"hello\x00\xff\n\t'\""
print(b, len(b), b[0], b[-1], b[1:3], b[::-1][:3], list(b[:5]))
print(bytes(3), bytes([65, 66, 67]), bytes(range(5)), bytes("é", "utf-8"), b"abc" + b"def", b"ab" * 3)
print(type(b[0]).__name__, type(b[0:1]).__name__, 104 in b, b"ell" in b, b"xyz" in b)
for x in b"AZ":
    print(x, chr(x))
print(b"a" < b"b", b"abc" == b"abc", b"abc" == "abc", bytes(b"x"))
try:
    b[0] = 1
except TypeError as e:
    print("TypeError", e)
try:
    bytes([256])
except ValueError as e:
    print("ValueError", e)
print(repr(b"'"), repr(b'"'), repr(b"'\""), br"\n", rb"raw\x")

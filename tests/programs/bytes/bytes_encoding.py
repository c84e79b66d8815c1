# bytes: manual encoding work - checksums, xor, base16, utf-8 lengths
data = "The quick brown fox jumps over the lazy dog".encode()
print(sum(data) % 256, len(data), data[:9])
key = b"key"
enc = bytes(c ^ key[i % len(key)] for i, c in enumerate(data))
print(enc[:10].hex())
dec = bytes(c ^ key[i % len(key)] for i, c in enumerate(enc))
print(dec == data, dec.decode()[:9])
def adler32(b):
    a, s = 1, 0
    for x in b:
        a = (a + x) % 65521
        s = (s + a) % 65521
    return (s << 16) | a
print(adler32(data), hex(adler32(b"Wikipedia")))
for ch in ["a", "é", "☃", "🐍"]:
    e = ch.encode("utf-8")
    print(ch, len(e), list(e))
print(int.from_bytes(b"\x12\x34\x56", "big"), (0x123456).to_bytes(3, "little"))

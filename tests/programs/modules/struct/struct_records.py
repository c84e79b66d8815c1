# modules/struct: packing arrays of records, native sizes with '=' and alignment with '@'-free formats, Struct objects
import struct
rec = struct.Struct("<HhI8s")
print(rec.size, rec.format)
rows = [(1, -1, 100000, b"alpha"), (2, 300, 7, b"beta"), (65535, -32768, 2 ** 32 - 1, b"eightchr")]
blob = b"".join(rec.pack(*r) for r in rows)
print(len(blob), blob[:16].hex())
for off in range(0, len(blob), rec.size):
    u, s, big, name = rec.unpack_from(blob, off)
    print(u, s, big, name.rstrip(b"\x00"))
print(struct.pack("=HI", 1, 2).hex(), struct.calcsize("=HI"), struct.pack(">q", -1).hex(), struct.unpack(">Q", b"\xff" * 8))
print(struct.pack("<f", 1.5).hex(), struct.unpack("<f", b"\x00\x00\xc0\x3f"), struct.pack("!d", -2.0).hex())
print(struct.pack("<3B", 1, 2, 3), struct.unpack("<3B", b"abc"), struct.pack("<?x?", False, True))
values = list(range(-5, 5))
packed = struct.pack("<%di" % len(values), *values)
print(len(packed), struct.unpack("<%di" % len(values), packed) == tuple(values))

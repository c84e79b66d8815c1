# modules/struct: pack/unpack/calcsize with < > ! = byte orders and common format codes
import struct
print(struct.pack("<I", 1), struct.pack(">I", 1), struct.pack("!H", 258), struct.pack("<h", -2))
print(struct.unpack("<I", b"\x01\x00\x00\x00"), struct.unpack(">hh", b"\xff\xfe\x00\x01"))
print(struct.calcsize("<i"), struct.calcsize("<q"), struct.calcsize("<d"), struct.calcsize("<bhiq"), struct.calcsize("<3s"), struct.calcsize("=bi"), struct.calcsize("!f"))
packed = struct.pack("<bBhHiIqQ", -1, 255, -300, 60000, -70000, 4000000000, -2 ** 40, 2 ** 63)
print(packed.hex(), len(packed))
print(struct.unpack("<bBhHiIqQ", packed))
print(struct.pack("<d", 1.5).hex(), struct.unpack("<d", struct.pack("<d", -0.1)), struct.pack(">f", 0.5).hex(), struct.unpack("<f", struct.pack("<f", 0.1))[0])
print(struct.pack("<5s", b"ab"), struct.pack("<2s", b"abcd"), struct.unpack("<4s", b"wxyz"), struct.pack("<c", b"z"))
print(struct.pack("<?", True), struct.unpack("<??", b"\x00\x01"), struct.pack("<x b x", 5))
print(struct.pack(">2H", 1, 2), struct.unpack("<2i", struct.pack("<2i", 7, -7)))
try:
    struct.pack("<B", 256)
except struct.error as e:
    print("struct.error", e)
try:
    struct.unpack("<I", b"\x00")
except struct.error as e:
    print("struct.error", e)
header = struct.pack(">4sHHI", b"GILG", 1, 2, 123456)
magic, major, minor, size = struct.unpack(">4sHHI", header)
print(magic, major, minor, size, struct.unpack_from(">H", header, 4), list(struct.iter_unpack("<H", b"\x01\x00\x02\x00")))

# basics: int constructors, bases and methods
print(int("ff", 16), int("0xff", 16), int("0xff", 0), int("777", 8), int("0o777", 0), int("101", 2), int("0b101", 0))
print(int("z", 36), int("ZZ", 36), int("-10", 7), int("1_000"))
print(int(3.99), int(-0.5), int(True), int("  12  "))
for bad in ["", "1.5", "abc", "12a", "0x"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError", e)
try:
    int("9", 8)
except ValueError as e:
    print("ValueError", e)
print((255).to_bytes(2, "big"), (255).to_bytes(2, "little"), int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\x01\x00", "little"))
print((-1).to_bytes(2, "big", signed=True), int.from_bytes(b"\xff\xfe", "big", signed=True))
print((10).bit_length(), (1024).bit_count() if hasattr(int, "bit_count") else 1)
print((7).real, (7).imag, (7).numerator, (7).denominator, (6).conjugate())
print(hex(255), hex(-255), oct(64), bin(-5), bin(0))
print(format(255, "x"), format(255, "#X"), format(5, "08b"))
print(int.__name__, type(10 ** 50).__name__)
print((12).__add__(3), (12).__mul__(2))

# basics: bitwise operators and shifts on positive and negative ints
a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, ~0, ~-1)
print(1 << 10, 1024 >> 3, -16 >> 2, -1 >> 100, 5 << 0)
print(-5 & 0xFF, -5 | 2, -5 ^ 3, -8 & -12)
print(bin(a & b), bin(a | b), bin(~a))
mask = 0
for bit in (0, 3, 5, 63, 64):
    mask |= 1 << bit
print(mask, hex(mask))
print(bin(mask).count("1"))
def popcount(n):
    c = 0
    while n:
        n &= n - 1
        c += 1
    return c
print([popcount(i) for i in range(17)])
print((2 ** 100) & (2 ** 100 - 1), (2 ** 100) | 1, (2 ** 100) ^ (2 ** 99))
print(True & False, True | False, True ^ True, type(True & True).__name__)
print(~True, 3 & True)
x = 0xFF
x &= 0x0F; print(x)
x |= 0x30; print(x)
x ^= 0x11; print(x)
x <<= 4; print(x)
x >>= 2; print(x)
try:
    1 << -1
except ValueError as e:
    print("ValueError", e)

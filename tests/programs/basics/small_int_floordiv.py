# Floor division and modulo of small ints (the eval loop's inline path:
# shifts and masks for power-of-two divisors, one division otherwise)
# for every sign, at the edges of the 63-bit small-int range, in plain
# and in-place forms, checked against divmod.
vals = [0, 1, 2, 3, 5, 7, 8, 16, 1024, 2**40, 2**61, 2**62 - 1, 12345678901, 97]
vals = vals + [-v for v in vals] + [-2**62]
acc = 0
lines = []
for a in vals:
    for b in vals:
        if b == 0:
            continue
        q, r = a // b, a % b
        x = a; x //= b
        y = a; y %= b
        assert (q, r) == divmod(a, b) and x == q and y == r
        acc = (acc * 1000003 + q * 7 + r) % (1 << 64)
        lines.append(f"{a} {b} {q} {r}")
print(len(lines), acc)
print(lines[::37])

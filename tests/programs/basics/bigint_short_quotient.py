# Floor division, modulo and divmod of big ints whose quotient is short
# (at most a machine word): the linear-time path of numeric/int_div.rs,
# checked at its edges (divisor sizes around 128 bits, quotients around
# 2**62) and for every combination of signs, against num-bigint's general
# path for longer quotients.

def lcg(x):
    return (x * 6364136223846793005 + 1442695040888963407) % (1 << 4096)


x = 12345
divisors = []
for bits in (100, 127, 128, 129, 191, 192, 193, 500, 4000):
    x = lcg(x)
    divisors.append((x % (1 << bits)) | (1 << (bits - 1)))
    divisors.append((1 << bits) - 1)
    divisors.append(1 << (bits - 1))

total = 0
lines = 0
for d in divisors:
    for qbits in (0, 1, 30, 61, 62, 63, 64, 200):
        x = lcg(x)
        q = x % (1 << qbits) if qbits else 0
        for r in (0, 1, d - 1, d // 3):
            a = d * q + r
            for sa in (1, -1):
                for sd in (1, -1):
                    A, D = sa * a, sd * d
                    fq, fm = A // D, A % D
                    assert (fq, fm) == divmod(A, D)
                    assert fq * D + fm == A
                    assert fm == 0 or (fm > 0) == (D > 0)
                    assert abs(fm) < abs(D)
                    total = (total * 31 + fq + 7 * fm) % (1 << 61)
                    lines += 1
print("checked", lines, "checksum", total)

# In-place forms and a long chain like the pi spigot's.
q, r, t, k, n, l = 1, 0, 1, 1, 3, 3
digits = []
while len(digits) < 300:
    if 4 * q + r - t < n * t:
        digits.append(n)
        q, r, n = 10 * q, 10 * (r - n * t), (10 * (3 * q + r)) // t - 10 * n
    else:
        q, r, t, k, n, l = q * k, (2 * q + r) * l, t * l, k + 1, (q * (7 * k + 2) + r * l) // (t * l), l + 2
print("".join(map(str, digits[:30])), sum(digits))
big = 7 ** 900
m = big
m //= 3 ** 1000
m %= 11 ** 200
print(m % 1000003, divmod(-big, 7 ** 899 + 1)[0])

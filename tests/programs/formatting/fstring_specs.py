# formatting: format spec mini-language for ints (width, fill, align, sign, grouping, types)
n = 1234567
print(f"[{n:10}] [{n:<10}] [{n:^10}] [{n:>10}] [{n:*^12}] [{n:010}]")
print(f"[{n:,}] [{n:_}] [{-n:,}] [{n:+}] [{n: }] [{-n: }] [{n:-}]")
print(f"[{255:x}] [{255:X}] [{255:#x}] [{255:#X}] [{8:o}] [{8:#o}] [{5:b}] [{5:#b}] [{5:#010b}]")
print(f"[{0xDEADBEEF:_x}] [{2**20:_b}] [{65:c}] [{-42:=8}] [{42:=+8}] [{-42:08}]")
print(f"[{n:d}] [{-n:n}] [{10:^5d}] [{0:5}]")
for v in (0, 7, -7, 12345):
    print(f"|{v:>6}|{v:<6}|{v:^6}|{v:+06}|{v:x}|")
print(f"[{True:d}] [{True}] [{True:5}]")
print(format(1234.5678, ","), format(10**12, ",d"), format(-0.5, "+"))

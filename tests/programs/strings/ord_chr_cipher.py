# strings: character arithmetic with ord/chr (caesar, rot13, base conversion)
def caesar(text, k):
    out = []
    for c in text:
        if "a" <= c <= "z":
            out.append(chr((ord(c) - 97 + k) % 26 + 97))
        elif "A" <= c <= "Z":
            out.append(chr((ord(c) - 65 + k) % 26 + 65))
        else:
            out.append(c)
    return "".join(out)
msg = "Hello, World! The Quick Brown Fox."
enc = caesar(msg, 3)
print(enc)
print(caesar(enc, -3))
print(caesar(msg, 13))
def to_base(n, b):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    out = ""
    neg = n < 0
    n = abs(n)
    while n:
        out = digits[n % b] + out
        n //= b
    return "-" + out if neg else out
print([to_base(255, b) for b in (2, 8, 16, 36)], to_base(-1000, 7))
print(sum(ord(c) for c in "checksum"))
table = str.maketrans("abc", "xyz", "!")
print("aabbcc!!".translate(table))
print("hello".translate({ord("l"): "L", ord("o"): None}))

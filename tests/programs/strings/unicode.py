# strings: unicode characters, ord/chr, length in code points
s = "héllo wörld ☃ 日本語 🐍"
print(s, len(s))
print([ord(c) for c in "aé☃🐍"])
print(chr(97), chr(233), chr(9731), chr(128013), chr(0x41), chr(0x65e5))
print(s.upper())
print(s[::-1])
print(s.encode("utf-8"), len(s.encode("utf-8")))
print(b"\xe2\x98\x83".decode("utf-8"), "é".encode("latin-1"), "日本".encode("utf-8").decode())
print("\u00e9" == "é", "\U0001F40D" == "🐍", "\N{GREEK SMALL LETTER ALPHA}")
print(ascii("héllo☃"), repr("日本"))
print(sorted("café"), "ü" > "z")
try:
    chr(-1)
except ValueError as e:
    print("ValueError", e)
try:
    ord("ab")
except TypeError as e:
    print("TypeError", e)
print("Straße".lower(), "ǅ".title(), "ﬁ".upper())

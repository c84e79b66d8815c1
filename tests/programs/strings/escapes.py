# strings: escape sequences and raw strings
print("tab:\tX")
print("newline:\nX")
print("backslash: \\ quote: \" apostrophe: \'")
print("hex: \x41\x42 octal: \101\102 unicode: \u0041")
print(r"raw \n \t \\ string", len(r"\n"), len("\n"))
print(repr("\0\a\b\f\v\r"), len("\0\a\b\f\v\r"))
s = """triple
quoted\
 continued"""
print(s)
print('''single "triple" quotes''')
print("a\
b")
print(repr("\x7f\x80\xff"), repr("\u200b"))

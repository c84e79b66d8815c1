# strings: strip family, replace, removeprefix/removesuffix, expandtabs
s = "xxhello worldxx"
print(repr("  hi  ".strip()), repr("  hi  ".lstrip()), repr("  hi  ".rstrip()))
print(s.strip("x"), s.lstrip("x"), s.rstrip("x"), "abcba".strip("ab"))
print(repr("\t\n a \r\n".strip()))
print("aaa".replace("a", "b"), "aaa".replace("a", "b", 2), "abc".replace("", "-"), "hello".replace("l", ""))
print("banana".replace("ana", "X"))
print("prefix_name".removeprefix("prefix_"), "name.py".removesuffix(".py"), "abc".removeprefix("x"))
print(repr("a\tb\tc".expandtabs(4)), repr("ab\t".expandtabs()))
print("Hello".swapcase(), "ß".upper(), "İ".lower() == "i̇")

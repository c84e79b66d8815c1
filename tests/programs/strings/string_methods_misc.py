# strings: misc methods - encode, isxxx, format_map, str() constructor
print(str(123), str(-4.5), str(None), str(True), str([1, "a"]), str(b"x"), str())
print("{a}-{b}".format_map({"a": 1, "b": 2}))
print("%s" % "x", "abc".__len__(), "abc".__contains__("b"), "abc".__getitem__(1))
print("x".join(map(str, range(3))), "Ab".ljust(4, "-"))
lines = "first\nsecond\nthird"
for i, line in enumerate(lines.splitlines(), 1):
    print(i, line.upper(), len(line))
print("hello world".title().swapcase())
print("a-b_c d".replace("-", " ").replace("_", " ").split())
s = "Mississippi"
print(s.lower().count("ss"), s.upper().find("SS"), s.index("i", 2), s.rfind("ss"))
print(str.upper("abc"), str.join("-", ["x", "y"]))
print(isinstance("s", str), type("s") is str, "abc".__class__.__name__)

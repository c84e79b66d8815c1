# strings: find, rfind, index, rindex, count, in
s = "hello world, hello universe"
print(s.find("hello"), s.find("hello", 1), s.rfind("hello"), s.find("zzz"), s.find(""), s.rfind(""))
print(s.index("world"), s.rindex("o"), s.count("l"), s.count("hello"), s.count(""), "aaaa".count("aa"))
print(s.find("o", 5, 10), s.count("o", 0, 10))
try:
    s.index("xyz")
except ValueError as e:
    print("ValueError", e)
try:
    s.rindex("xyz")
except ValueError as e:
    print("ValueError", e)
print("world" in s, "World" in s, "" in s, "lo w" in s)
print(s.find("e", -5), s[-5:])

# formatting: printf-style % formatting with tuples, dicts and flags
print("%d %s %r %f" % (42, "str", "str", 3.5))
print("%5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42))
print("%x %X %#x %o %#o %e %E %g %G" % (255, 255, 255, 8, 8, 12345.678, 12345.678, 0.00001234, 1e20))
print("%.2f %8.3f %-8.1f| %.0f %.3s" % (3.14159, 2.71828, 1.5, 2.5, "abcdef"))
print("%(name)s is %(age)d years" % {"name": "Ann", "age": 30})
print("%c%c%c" % (72, "i", 33))
print("100%% sure %s" % "!")
print("%s" % (1, ), "%s" % [1, 2], "%s %s" % ("a", (1, 2)))
print("%*d|%-*d|%.*f" % (6, 1, 4, 2, 2, 3.14159))
print("%i %u" % (7, 8), "%r" % {"a": 1})
print("%s" % None, "%d" % 3.99, "%s" % 1.0, "%10.4s|" % "abcdefg")
try:
    print("%d" % "x")
except TypeError as e:
    print("TypeError", e)
try:
    print("%s %s" % ("only one",))
except TypeError as e:
    print("TypeError", e)
try:
    print("%s" % ("a", "b"))
except TypeError as e:
    print("TypeError", e)
print(b"%d bytes %s" % (5, b"ok"))

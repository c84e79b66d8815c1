# printf-style formatting: each directive and flag over small, big and negative ints, bool, str (cached parse of constant format strings).
for fmt in ["%d", "%5d", "%-5d|", "%05d", "%+d", "% d", "%x", "%#x", "%X", "%o", "%#o", "%.3d", "%s", "%10s|", "%-10s|", "%.2s", "%r", "%c", "%i", "%u"]:
    for v in [0, 7, -42, 255, 2**70, -2**70, True]:
        try:
            print(fmt, repr(v), repr(fmt % v))
        except Exception as e:
            print(fmt, repr(v), type(e).__name__, e)
print("%s-%d-%s" % ("a", 5, [1]), "%(x)s %(y)d" % {"x": "X", "y": 3}, "%*d|" % (5, 3), "%.*f" % (2, 3.14159))
print("%s" % "héllo", "%5s|" % "hé", "%-4s|" % "ö", "%%d %d" % 4)

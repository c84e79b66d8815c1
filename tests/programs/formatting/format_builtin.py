# formatting: format() builtin and __format__ protocol
print(format(42), format(42, "5"), format(42, "<5") + "|", format("s", "^5") + "|")
print(format(3.14159, ".2f"), format(1e6, "e"), format(255, "08x"), format(0.125, ".1%"))
print(format("text", ""), format(None, ""), format([1, 2]), format(True, ""))
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __format__(self, spec):
        s = "$%d.%02d" % divmod(self.cents, 100)
        return format(s, spec) if spec else s
m = Money(12345)
print(format(m), f"{m:>12}", "{:<12}|".format(m))
try:
    format(1.5, "d")
except ValueError as e:
    print("ValueError", e)
try:
    format("s", "d")
except ValueError as e:
    print("ValueError", e)
try:
    format(object(), "x")
except TypeError as e:
    print("TypeError", e)
print(format(-7, "+05d"), format(7, "=+5d"), format(12345, ",").replace(",", "."))

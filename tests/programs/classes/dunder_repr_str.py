# classes: __repr__, __str__, __bool__, __len__ and default object repr fallbacks
class V:
    def __init__(self, *c):
        self.c = c
    def __repr__(self):
        return f"V{self.c!r}"
    def __str__(self):
        return "<" + ", ".join(map(str, self.c)) + ">"
    def __len__(self):
        return len(self.c)
    def __bool__(self):
        return any(self.c)
v = V(1, 2)
print(v, repr(v), str(v), [v], f"{v}", f"{v!r}", len(v), bool(v), bool(V(0, 0)))
class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr!"
print(OnlyRepr(), str(OnlyRepr()), [OnlyRepr()])
class LenOnly:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
print(bool(LenOnly(0)), bool(LenOnly(3)), "yes" if LenOnly(1) else "no")
class Plain:
    pass
print(bool(Plain()), repr(Plain()).startswith("<__main__.Plain object at 0x"))
class BadLen:
    def __len__(self):
        return -1
try:
    len(BadLen())
except ValueError as e:
    print("ValueError", e)
class BadBool:
    def __bool__(self):
        return 1
try:
    bool(BadBool())
except TypeError as e:
    print("TypeError", e)

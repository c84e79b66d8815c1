# bool() and conditions on instances of subclasses of built-in types use the
# subclass's own __bool__ or __len__ when it defines one.
class B(int):
    def __bool__(self):
        return False
class L(list):
    def __len__(self):
        return 0
class S(str):
    pass
class F(float):
    def __bool__(self):
        return True
class D(dict):
    def __len__(self):
        return 1
print(bool(B(5)), bool(L([1, 2])), bool(S("")), bool(S("x")), bool(F(0.0)), bool(D()))
print("yes" if B(3) else "no", "yes" if L([1]) else "no", not F(0.0), [x for x in (B(1), B(0), 2) if x])
class Bad(int):
    def __bool__(self):
        return 1
try:
    bool(Bad(1))
except TypeError as e:
    print("TypeError:", e)

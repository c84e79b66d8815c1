# len() on an instance of a subclass of a built-in container uses the
# subclass's own __len__ when it defines one.
class L(list):
    def __len__(self):
        return 42
class T(tuple):
    def __len__(self):
        return 7
class S(str):
    def __len__(self):
        return 3
class D(dict):
    def __len__(self):
        return 9
class Z(set):
    def __len__(self):
        return 1
class B(bytes):
    def __len__(self):
        return 2
class Plain(list):
    pass
print(len(L([1])), len(T((1, 2))), len(S("abcdef")), len(D()), len(Z()), len(B(b"xyz")))
print(len(Plain([1, 2, 3])), len([1, 2]), len("héllo"), bool(L()), bool(S("")))
class Neg(list):
    def __len__(self):
        return -1
try:
    len(Neg())
except ValueError as e:
    print("ValueError:", e)

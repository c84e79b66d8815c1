# classes: multiple inheritance, C3 linearization and __mro__ names, super() cooperative chain
class O:
    def who(self):
        return ["O"]
class A(O):
    def who(self):
        return ["A"] + super().who()
class B(O):
    def who(self):
        return ["B"] + super().who()
class C(A, B):
    def who(self):
        return ["C"] + super().who()
print([k.__name__ for k in C.__mro__], C().who())
class X: pass
class Y: pass
class Z: pass
class K1(X, Y): pass
class K2(Y, Z): pass
class K3(X, Z): pass
class W(K1, K2, K3): pass
print([k.__name__ for k in W.__mro__])
print([k.__name__ for k in W.mro()])
class F: pass
class E: pass
class D: pass
class CC(D, F): pass
class BB(D, E): pass
class AA(BB, CC): pass
print([k.__name__ for k in AA.__mro__])
try:
    class Bad(A, O, B):
        pass
    print("no error")
except TypeError as e:
    print("TypeError", "consistent method resolution" in str(e))
try:
    class Bad2(O, A):
        pass
except TypeError as e:
    print("TypeError", "consistent method resolution" in str(e))
class Base:
    def __init__(self, **kw):
        print("Base init", sorted(kw))
class M1(Base):
    def __init__(self, m1=None, **kw):
        print("M1 init", m1)
        super().__init__(**kw)
class M2(Base):
    def __init__(self, m2=None, **kw):
        print("M2 init", m2)
        super().__init__(**kw)
class Both(M1, M2):
    def __init__(self, **kw):
        print("Both init")
        super().__init__(**kw)
Both(m1=1, m2=2, extra=3)
print([k.__name__ for k in Both.__mro__])

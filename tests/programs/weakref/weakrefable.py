# which objects may be weakly referenced (CPython 3.11's rules), __slots__ with and without __weakref__
import weakref


def try_ref(obj):
    try:
        r = weakref.ref(obj)
        return "yes" if r() is obj else "wrong referent"
    except TypeError as e:
        return "TypeError: %s" % e


class Plain:
    def meth(self):
        pass


class T(tuple):
    pass


class I(int):
    pass


class B(bytes):
    pass


class S(str):
    pass


class L(list):
    pass


class D(dict):
    pass


class F(float):
    pass


class St(set):
    pass


class E(Exception):
    pass


class Slots:
    __slots__ = ("a",)


class SlotsWeak:
    __slots__ = ("a", "__weakref__")


class SlotsDict:
    __slots__ = ("a", "__dict__")


class FromSlots(Slots):
    pass


class FromSlotsSlots(Slots):
    __slots__ = ("b",)


class FromWeak(SlotsWeak):
    __slots__ = ("b",)


def gen():
    yield 1


samples = [
    1, 2 ** 100, 1.5, 1j, "s", b"b", (1,), [], {}, None, True, object(),
    range(3), slice(1), iter([]), ValueError(), property(),
    Plain(), Plain().meth, Plain, len, gen(), set(), frozenset(),
    T(), I(), B(), S("x"), L(), D(), F(1.0), St(), E(),
    Slots(), SlotsWeak(), SlotsDict(), FromSlots(), FromSlotsSlots(), FromWeak(),
    weakref.ref(Plain),
]
for obj in samples:
    print(type(obj).__name__, try_ref(obj))

s = SlotsWeak()
s.a = 1
r = weakref.ref(s)
del s
print(r())

# Struct sequences of the sys module (named tuples with CPython's reprs).
class _StructSeq(tuple):
    __slots__ = ()
    _fields = ()
    _name = ""

    def __new__(cls, values):
        return tuple.__new__(cls, values)

    def __repr__(self):
        parts = ", ".join("%s=%r" % (n, v) for n, v in zip(self._fields, self))
        return "%s(%s)" % (self._name, parts)


def _make(name, fields):
    ns = {"__slots__": (), "_fields": tuple(fields), "_name": name}
    for i, f in enumerate(fields):
        ns[f] = property(lambda self, i=i: self[i])
    return type(name.split(".")[-1], (_StructSeq,), ns)


version_info_type = _make("sys.version_info", ["major", "minor", "micro", "releaselevel", "serial"])
float_info_type = _make(
    "sys.float_info",
    ["max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig", "mant_dig", "epsilon", "radix", "rounds"],
)
version_info = version_info_type((3, 11, 0, "final", 0))
float_info = float_info_type(
    (1.7976931348623157e308, 1024, 308, 2.2250738585072014e-308, -1021, -307, 15, 53, 2.220446049250313e-16, 2, 1)
)


class _Implementation:
    """sys.implementation (CPython: a types.SimpleNamespace)."""

    def __init__(self, **kw):
        self.__dict__.update(kw)

    def __repr__(self):
        items = ", ".join("%s=%r" % kv for kv in sorted(self.__dict__.items()))
        return "namespace(%s)" % items


# The language version implemented is 3.11's; gilgamesh's own version is 0.1.
implementation = _Implementation(
    name="gilgamesh",
    cache_tag=None,
    version=version_info_type((0, 1, 0, "alpha", 0)),
    hexversion=0x000100A0,
)

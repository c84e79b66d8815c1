"""Names for the built-in types that have no name in builtins (a subset of
CPython's types module: the types gilgamesh has)."""
import sys as _sys


def _f():
    pass


FunctionType = type(_f)
LambdaType = FunctionType
ModuleType = type(_sys)
BuiltinFunctionType = type(len)
BuiltinMethodType = BuiltinFunctionType


def _g():
    yield 1


GeneratorType = type(_g())


class _C:
    def _m(self):
        pass


MethodType = type(_C()._m)
NoneType = type(None)
EllipsisType = type(Ellipsis)
NotImplementedType = type(NotImplemented)


class SimpleNamespace:
    """A simple attribute-based namespace."""

    def __init__(self, mapping_or_iterable=(), /, **kwargs):
        for k, v in dict(mapping_or_iterable, **kwargs).items():
            setattr(self, k, v)

    def __repr__(self):
        items = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"namespace({items})"

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented


del _f, _g, _C

# exceptions: raise from, __cause__, __context__, __suppress_context__, raise from None
class ConfigError(Exception):
    pass
def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise ConfigError(f"bad value {s!r}") from e
try:
    parse("x")
except ConfigError as e:
    print(e, type(e.__cause__).__name__, e.__cause__, e.__suppress_context__)
def implicit():
    try:
        1 / 0
    except ZeroDivisionError:
        raise KeyError("during handling")
try:
    implicit()
except KeyError as e:
    print(e, e.__cause__, type(e.__context__).__name__, e.__suppress_context__)
def hidden():
    try:
        [][1]
    except IndexError:
        raise ValueError("clean") from None
try:
    hidden()
except ValueError as e:
    print(e, e.__cause__, type(e.__context__).__name__, e.__suppress_context__)
try:
    raise RuntimeError("a") from KeyError("b")
except RuntimeError as e:
    print(repr(e), repr(e.__cause__))

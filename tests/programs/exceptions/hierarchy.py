# exceptions: catching by base class, except tuples, order of except clauses, builtin hierarchy
def risky(kind):
    if kind == "key":
        return {}["x"]
    if kind == "index":
        return [][0]
    if kind == "zero":
        return 1 / 0
    if kind == "type":
        return 1 + "1"
    if kind == "value":
        return int("v")
    if kind == "os":
        raise FileNotFoundError("nofile")
    if kind == "unicode":
        return b"\xff".decode()
    return "ok"
for kind in ["key", "index", "zero", "type", "value", "os", "unicode", "none"]:
    try:
        r = risky(kind)
    except LookupError as e:
        print(kind, "LookupError", type(e).__name__)
    except (ZeroDivisionError, TypeError) as e:
        print(kind, "tuple", type(e).__name__)
    except ValueError as e:
        print(kind, "ValueError", type(e).__name__)
    except OSError as e:
        print(kind, "OSError", type(e).__name__)
    else:
        print(kind, "no error", r)
pairs = [(KeyError, LookupError), (IndexError, LookupError), (ZeroDivisionError, ArithmeticError),
         (OverflowError, ArithmeticError), (FileNotFoundError, OSError), (UnicodeDecodeError, ValueError),
         (RecursionError, RuntimeError), (NotImplementedError, RuntimeError), (StopIteration, Exception),
         (KeyboardInterrupt, Exception), (SystemExit, BaseException), (GeneratorExit, Exception),
         (ModuleNotFoundError, ImportError), (UnboundLocalError, NameError), (TabError, SyntaxError), (bool, int)]
for a, b in pairs:
    print(a.__name__, b.__name__, issubclass(a, b))
try:
    raise KeyError("k")
except Exception:
    print("Exception catches KeyError")
try:
    try:
        raise TypeError("inner")
    except ValueError:
        print("wrong")
except TypeError as e:
    print("outer caught", e)

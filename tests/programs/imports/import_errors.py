# imports: ModuleNotFoundError for missing modules, ImportError for missing names, import inside functions
try:
    import _definitely_missing_module
except ModuleNotFoundError as e:
    print("ModuleNotFoundError", e, e.name)
try:
    from _shapes import NoSuchThing
except ImportError as e:
    print("ImportError", type(e).__name__)
def lazy():
    import _helper_mod
    return _helper_mod.CONSTANT
print("before lazy import")
print(lazy())
print(lazy())
try:
    import _shapes._nope
except ModuleNotFoundError as e:
    print("ModuleNotFoundError", e)

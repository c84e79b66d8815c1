# imports: from x import y, from x import y as z, name binding copies (not live)
from _helper_mod import greet, CONSTANT, counter, bump
from _helper_mod import Widget as W
import _helper_mod
print(greet("ann"), CONSTANT, counter)
bump(3)
print(counter, _helper_mod.counter)
print(W("a"), W.__name__, W is _helper_mod.Widget)
try:
    from _helper_mod import does_not_exist
except ImportError as e:
    print("ImportError", e)

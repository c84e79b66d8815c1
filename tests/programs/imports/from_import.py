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
    # The message ends with the module's absolute path, which depends on the checkout.
    print("ImportError", str(e).split(" (")[0], str(e).endswith("_helper_mod.py)"))

# imports: module-level state shared between importers, modules as namespaces, globals()
import _helper_mod
from _helper_mod import bump
def use():
    return bump(10)
print(use(), _helper_mod.counter)
_helper_mod.counter = 100
print(bump(), _helper_mod.counter)
GLOBAL_HERE = "g"
g = globals()
print(g["GLOBAL_HERE"], "use" in g, g["__name__"])
g["INJECTED"] = 5
print(INJECTED)
import sys
this = sys.modules[__name__]
print(this.GLOBAL_HERE, getattr(this, "INJECTED"))

# imports: import a sibling helper module, module attributes, module-level state, executed once
import _helper_mod
print(_helper_mod.CONSTANT, _helper_mod.greet("bob"))
print(_helper_mod.bump(), _helper_mod.bump(5), _helper_mod.counter)
import _helper_mod
print("second import did not re-execute", _helper_mod.counter)
print(_helper_mod.__name__, _helper_mod.__doc__)
print(type(_helper_mod).__name__, _helper_mod._private)
w = _helper_mod.Widget("w1")
print(w, _helper_mod.Widget.made)
_helper_mod.CONSTANT = 7
print(_helper_mod.CONSTANT)
print(sorted(n for n in dir(_helper_mod) if not n.startswith("__")))
print(__name__)

"""What "isolated" means: each interpreter has its own modules and globals.

A change to `sys` in the main interpreter is not seen by another one; a
global set by `exec` stays in that interpreter's `__main__`; an exception
raised there comes back as ExecutionFailed with a text snapshot (the
exception object itself stays behind).

Run:  gilgamesh docs/examples/interp_isolation.py
On CPython 3.13 (the 3.14 API rebuilt over 3.13's _interpreters by a test helper):
      PYTHONPATH=tests/programs/subinterp python3.13 docs/examples/interp_isolation.py
"""
import sys

try:
    from concurrent import interpreters      # gilgamesh, CPython 3.14+
except ImportError:                           # CPython 3.13: the 3.14 API rebuilt over
    from _interp_compat import interpreters  # _interpreters (tests/programs/subinterp/)

sys.flag = "set in main"
interp = interpreters.create()
print("interpreters:", [i.id for i in interpreters.list_all()],
      "current:", interpreters.get_current().id)
interp.exec("import sys; print('sys.flag over there:', getattr(sys, 'flag', None))")
interp.exec("x = 41")
interp.exec("print('x + 1 over there:', x + 1)")
print("x here:", globals().get("x"))
try:
    interp.exec("1 / 0")
except interpreters.ExecutionFailed as e:
    print("ExecutionFailed:", e.excinfo.type.__name__, "|", e.excinfo.msg)
print("call(len, 'abc') over there:", interp.call(len, "abc"))
interp.close()
print("after close:", [i.id for i in interpreters.list_all()])

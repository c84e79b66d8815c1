# subinterp: builtins, sys.modules, module attributes and __main__ globals are per interpreter; prepare_main values arrive equal
import builtins
import math
import sys

from _interp_compat import interpreters

a = interpreters.create()
b = interpreters.create()
q = interpreters.create_queue()
a.prepare_main(q=q)
b.prepare_main(q=q)

# a changes its builtins, sys.modules, the math module and its own __main__
a.exec("""if True:
    import builtins, math, sys, types
    builtins.SUBINTERP_MARK = 'set in a'
    sys.modules['fake_module_a'] = types.ModuleType('fake_module_a')
    math.marker = 'a'
    counter = 41
    def bump():
        global counter
        counter += 1
    bump()
    q.put(('a sees its own changes',
           SUBINTERP_MARK, 'fake_module_a' in sys.modules, math.marker, counter))
""")
print(*q.get())

# b sees none of them
b.exec("""if True:
    import builtins, math, sys
    q.put(('b sees a\\'s changes',
           hasattr(builtins, 'SUBINTERP_MARK'), 'fake_module_a' in sys.modules,
           hasattr(math, 'marker'), 'counter' in globals(), 'bump' in globals()))
""")
print(*q.get())

# neither does the main interpreter
print("main sees a's changes", hasattr(builtins, "SUBINTERP_MARK"),
      "fake_module_a" in sys.modules, hasattr(math, "marker"),
      "counter" in globals(), "bump" in globals())

# state persists between exec() calls on the same interpreter
a.exec("bump(); q.put(('a keeps its __main__ between exec calls', counter, math.marker))")
print(*q.get())

# the main interpreter's changes are invisible to subinterpreters
builtins.MAIN_MARK = "set in main"
math.main_marker = 1
main_global = 3
sys.modules["fake_module_main"] = math
b.exec("""if True:
    q.put(('b sees main\\'s changes',
           hasattr(builtins, 'MAIN_MARK'), hasattr(math, 'main_marker'),
           'main_global' in globals(), 'fake_module_main' in sys.modules))
""")
print(*q.get())

# each subinterpreter runs code in its own module named __main__
a.exec("q.put(('__name__ in a', __name__))")
print(*q.get())
b.exec("import __main__; q.put(('__main__ in b is its globals', vars(__main__) is globals()))")
print(*q.get())

# a class defined in a exists only in a
a.exec("class Thing: pass\nq.put(('a: Thing defined', Thing.__name__, Thing.__module__))")
print(*q.get())
b.exec("q.put(('b: Thing defined', 'Thing' in globals()))")
print(*q.get())

# prepare_main: shareable values arrive equal (checked inside the subinterpreter)
values = {
    "none": None,
    "yes": True,
    "no": False,
    "small": 7,
    "negative": -12,
    "large": 2 ** 62,
    "maxsize": sys.maxsize,
    "minsize": -sys.maxsize - 1,
    "real": 2.5,
    "negzero": -0.0,
    "text": "h\u00e9llo \u4e16\u754c",
    "empty_text": "",
    "data": b"\x00\xffbytes",
    "nested": (1, "two", (3.0, None, (b"4", False))),
    "empty_tuple": (),
}
c = interpreters.create()
c.prepare_main(values, q=q)
c.prepare_main(small=8)  # a later call rebinds
c.exec("""if True:
    for name in %r:
        value = globals()[name]
        q.put((name, type(value).__name__, repr(value)))
""" % (sorted(values),))
expected = dict(values, small=8)
for _ in values:
    name, type_name, value_repr = q.get()
    print("prepare_main", name, type_name, value_repr, value_repr == repr(expected[name]))

# printing from a subinterpreter goes to the same stdout
sys.stdout.flush()
a.exec("print('printed inside a', flush=True)")
print("printed in main after a")
print("queue empty at the end:", q.empty())

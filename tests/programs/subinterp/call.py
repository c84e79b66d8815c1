# subinterp: Interpreter.call with builtins, module functions and stateless functions; arguments, keyword arguments, return values, failures
import math
import threading

from _interp_compat import interpreters

interp = interpreters.create()

# builtins and functions of importable modules
print("len:", interp.call(len, "hello"))
print("sum:", interp.call(sum, (1, 2, 3)))
print("divmod:", interp.call(divmod, 17, 5))
print("sorted (list argument, list result):", interp.call(sorted, [3, 1, 2]))
print("int with a keyword argument:", interp.call(int, "ff", base=16))
print("math.sqrt:", interp.call(math.sqrt, 2.0))
print("math.factorial (big int result):", interp.call(math.factorial, 30))
print("returns None:", interp.call(print, end="") is None)

# stateless functions (only arguments and builtins) run in the interpreter
def combine(a, b, *, scale):
    return (a + b) * scale, type(a).__name__

def build(n):
    return {i: [i] * i for i in range(n)}

def describe(*args, **kwargs):
    return len(args), sorted(kwargs.items())

def where():
    from concurrent import interpreters
    return interpreters.get_current().id

def read_marker():
    return globals().get("marker", "no marker")

def write_marker(value):
    globals()["marker"] = value

def fail(n):
    raise ValueError("negative: %d" % n)

def lookup(mapping, key):
    return mapping[key]

print("combine:", interp.call(combine, 2, 3.5, scale=2))
print("build (dict result):", interp.call(build, 4))
print("describe:", interp.call(describe, 1, "two", (3,), x=1, y=[2]))
print("runs in the interpreter:", interp.call(where) == interp.id)

# a stateless function runs with the interpreter's __main__ as its globals
interp.prepare_main(marker="bound by prepare_main")
print("sees __main__:", interp.call(read_marker))
interp.call(write_marker, "written by call")
q = interpreters.create_queue()
interp.prepare_main(q=q)
interp.exec("q.put(marker)")
print("exec sees it:", q.get())
print("main untouched:", globals().get("marker", "no marker"))

# failures become ExecutionFailed, as with exec()
for func, args in [(fail, (-1,)), (int, ("xyz",)), (lookup, ({"a": 1}, "missing"))]:
    try:
        interp.call(func, *args)
        print("no error?")
    except interpreters.ExecutionFailed as e:
        print("failed:", e.excinfo.type.__name__, "|", e.excinfo.msg, "|", e.excinfo.formatted)
print("still usable:", interp.call(len, [1, 2]))

try:
    interp.call(42)
except TypeError as e:
    print("not callable:", type(e).__name__, "|", e)

# call_in_thread returns a started threading.Thread; results come back on a queue
def report(out, label, value):
    out.put((label, value * 2))

t = interp.call_in_thread(report, q, "from a thread", 21)
print("call_in_thread gives a Thread:", isinstance(t, threading.Thread))
t.join()
print("after join:", t.is_alive(), q.get())

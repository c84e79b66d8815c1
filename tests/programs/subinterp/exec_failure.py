# subinterp: an exception in exec() becomes ExecutionFailed with an excinfo snapshot; SyntaxError, RecursionError, SystemExit; the interpreter stays usable
from _interp_compat import interpreters

a = interpreters.create()
q = interpreters.create_queue()
a.prepare_main(q=q)

print("ExecutionFailed is an InterpreterError:",
      issubclass(interpreters.ExecutionFailed, interpreters.InterpreterError))

try:
    a.exec("""if True:
        def inner(n):
            raise ValueError('bad value %d' % n)
        def outer():
            inner(42)
        outer()
    """)
except interpreters.ExecutionFailed as e:
    info = e.excinfo
    print("caught:", type(e).__name__)
    print("type:", info.type.__name__, info.type.__qualname__, info.type.__module__)
    print("msg:", repr(info.msg))
    print("formatted:", repr(info.formatted))
    print("args:", e.args)
    lines = info.errdisplay.splitlines()
    print("errdisplay first line:", lines[0])
    print("errdisplay last line:", lines[-1])
    print("errdisplay names the frames:", "in outer" in info.errdisplay, "in inner" in info.errdisplay)
    text = str(e)
    print("str first line:", text.splitlines()[0])
    print("str has the remote traceback:",
          "\n\nUncaught in the interpreter:\n\n" in text, text.endswith(info.errdisplay))

# other exception types
for source in [
    "raise KeyError('k')",
    "raise KeyError",
    "class MyError(Exception):\n    pass\nraise MyError('mine')",
    "[1, 2, 3][10]",
    "undefined_name + 1",
    "import no_such_module_here",
    "raise SystemExit(3)",
]:
    try:
        a.exec(source)
        print("no error?")
    except interpreters.ExecutionFailed as e:
        info = e.excinfo
        print("%s | %s | %r | %r" % (info.type.__name__, info.type.__module__,
                                     info.msg, info.formatted))

# names bound before the failure stay bound; the interpreter is still usable
try:
    a.exec("before_failure = 'kept'\nraise RuntimeError('stop')\nafter_failure = 1")
except interpreters.ExecutionFailed as e:
    print("RuntimeError:", e.excinfo.msg)
a.exec("q.put((before_failure, 'after_failure' in globals()))")
print("after a failure:", q.get())

# a syntax error is reported in the caller as SyntaxError; nothing runs
try:
    a.exec("marker = 1\nx = (")
except SyntaxError as e:
    print("syntax error:", type(e).__name__, "|", e.msg, "| line", e.lineno)
a.exec("q.put('marker' in globals())")
print("marker bound:", q.get())

# deep recursion in a subinterpreter does not take the caller down
try:
    a.exec("""if True:
        def down(n):
            return down(n + 1)
        down(0)
    """)
except interpreters.ExecutionFailed as e:
    info = e.excinfo
    print("recursion:", info.type.__name__, "|", "maximum recursion depth" in info.msg,
          "|", info.errdisplay.splitlines()[-1] == info.formatted)
a.exec("q.put(sum(range(10)))")
print("a still works:", q.get())

def depth(n):
    return n if n == 0 else 1 + depth(n - 1)

print("main still works:", depth(50))

# the exception stays in its interpreter: a second interpreter is unaffected
b = interpreters.create()
b.prepare_main(q=q)
b.exec("q.put('b fine')")
print(q.get())

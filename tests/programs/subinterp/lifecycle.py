# subinterp: create/list_all/get_main/get_current, ids and whence, is_running, close, errors on closed and running interpreters
import threading

from _interp_compat import interpreters

main = interpreters.get_main()
print("main id:", main.id)
print("get_current() is main:", interpreters.get_current() is main)
print("get_main() is get_main():", interpreters.get_main() is main)
print("main whence:", main.whence)
print("main is_running:", main.is_running())
print("list_all at start:", [i.id for i in interpreters.list_all()])

a = interpreters.create()
b = interpreters.create()
print("isinstance Interpreter:", isinstance(a, interpreters.Interpreter))
print("new ids are ints:", type(a.id) is int, type(b.id) is int)
print("new ids distinct and increasing:", 0 < a.id < b.id)
print("new whence:", a.whence)
print("new is_running:", a.is_running())
print("Interpreter(id) is the same object:", interpreters.Interpreter(a.id) is a)
print("hash is hash of id:", hash(a) == hash(a.id))
print("repr:", repr(a) == "Interpreter(%d)" % a.id)
listed = interpreters.list_all()
print("list_all after create:", len(listed), [x is y for x, y in zip(listed, [main, a, b])])
try:
    a.id = 12345
except AttributeError:
    print("id is read-only")

# get_current()/get_main() seen from inside a subinterpreter
q = interpreters.create_queue()
a.prepare_main(q=q)
a.exec("""if True:
    from concurrent import interpreters
    cur = interpreters.get_current()
    q.put((cur.id, cur.whence, interpreters.get_main().id, cur.is_running()))
    del cur  # an interpreter must not keep a reference to itself
""")
cur_id, cur_whence, main_id, running = q.get()
print("inside a: current is a:", cur_id == a.id, "| whence:", cur_whence,
      "| main id:", main_id, "| running:", running)
print("a is_running after exec:", a.is_running())

# close, then every operation on the closed interpreter
b_id = b.id
print("close returns:", b.close())
print("list_all after close:", [i.id for i in interpreters.list_all()] == [main.id, a.id])
ops = [
    ("close", lambda: b.close()),
    ("exec", lambda: b.exec("x = 1")),
    ("is_running", lambda: b.is_running()),
    ("prepare_main", lambda: b.prepare_main(x=1)),
    ("call", lambda: b.call(len, "abc")),
]
for name, op in ops:
    try:
        op()
        print(name, "on closed: no error")
    except interpreters.InterpreterNotFoundError as e:
        print(name, "on closed:", type(e).__name__, "|",
              "InterpreterError subclass:", isinstance(e, interpreters.InterpreterError), "|",
              str(e).replace(str(b_id), "<id>"))

# the main interpreter cannot be closed through this module
try:
    main.close()
except interpreters.InterpreterError as e:
    print("main.close():", type(e).__name__, "|", e)

# a running interpreter cannot be closed or entered by a second thread
started = interpreters.create_queue()
release = interpreters.create_queue()
c = interpreters.create()
c.prepare_main(started=started, release=release)
t = threading.Thread(target=c.exec, args=("started.put('started'); release.get()",))
t.start()
print("c says:", started.get())
print("c is_running while blocked:", c.is_running())
try:
    c.close()
except interpreters.InterpreterError as e:
    print("close running:", type(e).__name__, "|", e)
for name, op in [("exec", lambda: c.exec("pass")),
                 ("prepare_main", lambda: c.prepare_main(x=1)),
                 ("call", lambda: c.call(len, "abc"))]:
    try:
        op()
        print(name, "while running: no error")
    except interpreters.InterpreterError as e:
        print(name, "while running:", type(e).__name__, "|", e)
release.put(None)
t.join()
print("c is_running after join:", c.is_running())
c.close()
print("c closed:", c.id not in [i.id for i in interpreters.list_all()])
print("final list_all:", [i.id for i in interpreters.list_all()] == [main.id, a.id])

# subinterp: close() waits for the threads an interpreter started; daemon threads are refused in it; close() of a running interpreter raises InterpreterError
from _interp_compat import interpreters

interp = interpreters.create()
q = interpreters.create_queue()
interp.prepare_main(q=q)
interp.exec("""if True:
    import threading, time
    def late():
        time.sleep(0.2)
        q.put("thread finished")
    t = threading.Thread(target=late)
    t.start()
    try:
        threading.Thread(target=late, daemon=True).start()
        q.put("daemon thread started")
    except RuntimeError as e:
        q.put("daemon refused: " + str(e))
""")
print(q.get())
interp.close()
# (the item itself is CPython 3.14's UNBOUND marker there: its putter is gone)
print("after close:", q.qsize())
q.get_nowait()
print("closed:", interp.id not in [i.id for i in interpreters.list_all()])

# close while code runs in it (from another thread)
import threading
interp = interpreters.create()
go_on = interpreters.create_queue()
interp.prepare_main(q=q, go_on=go_on)
t = threading.Thread(target=interp.exec, args=("q.put('running'); go_on.get()",))
t.start()
print(q.get())
try:
    interp.close()
    print("closed while running")
except interpreters.InterpreterError as e:
    print("close refused:", type(e).__name__, "|", e)
go_on.put(None)
t.join()
interp.close()
print("closed after the run:", interp.id not in [i.id for i in interpreters.list_all()])

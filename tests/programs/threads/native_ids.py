# Thread identities: ident, native_id (the OS thread id), names.
import threading
import _thread

main = threading.main_thread()
print(main.name, main.native_id == threading.get_native_id())
print(type(threading.get_native_id()).__name__, threading.get_native_id() > 0)

seen = {}


def record(tag):
    me = threading.current_thread()
    seen[tag] = (me.ident, me.native_id, threading.get_native_id(), _thread.get_ident())


t = threading.Thread(target=record, args=("a",), name="alpha")
print("before start:", t.native_id, t.ident)
t.start()
t.join()
ident, native, native_now, raw_ident = seen["a"]
print("ident matches:", ident == t.ident == raw_ident)
print("native matches:", native == native_now == t.native_id)
print("differs from main:", native != main.native_id, ident != main.ident)
print(t.name, t.is_alive())

u = threading.Thread(target=record, args=("b",))
u.start()
u.join()
# (The OS may reuse a finished thread's id, so only the type is compared.)
print("second thread:", type(u.native_id).__name__, u.native_id == seen["b"][1])

# threads: Thread with args/kwargs/name/daemon, subclassing run(), join, is_alive, current_thread, main_thread
import threading
results = {}
def f(a, b, scale=1):
    results[threading.current_thread().name] = (a + b) * scale
t = threading.Thread(target=f, args=(1, 2), kwargs={"scale": 10}, name="adder")
print(t.name, t.is_alive(), t.daemon)
t.start(); t.join()
print(results, t.is_alive(), t.ident is not None)
class Worker(threading.Thread):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.out = None
    def run(self):
        self.out = sum(range(self.n))
w = Worker(100)
w.start(); w.join()
print(w.out, isinstance(w, threading.Thread))
print(threading.current_thread() is threading.main_thread(), threading.main_thread().name)
try:
    w.start()
except RuntimeError as e:
    print("RuntimeError", e)
try:
    threading.Thread(target=f).join()
except RuntimeError as e:
    print("RuntimeError", e)
d = threading.Thread(target=lambda: None, daemon=True)
print(d.daemon)
d.start(); d.join()
print(threading.active_count())

# threads: threading.local keeps per-thread values; Timer runs later and can be cancelled
import threading
data = threading.local()
data.x = "main"
seen = []
def worker(v):
    print_lock.acquire()
    seen.append(hasattr(data, "x"))
    data.x = v
    seen.append(data.x)
    print_lock.release()
print_lock = threading.Lock()
ts = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(map(str, seen)), data.x)
fired = []
t = threading.Timer(0.01, fired.append, args=("fired",))
t.start(); t.join()
c = threading.Timer(10, fired.append, args=("cancelled",))
c.start(); c.cancel(); c.join()
print(fired)

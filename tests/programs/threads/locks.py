# threads: Lock and RLock protect a shared counter; context-manager forms; locked(); non-blocking acquire
import threading
counter = 0
lock = threading.Lock()
def work(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1
threads = [threading.Thread(target=work, args=(5000,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)
print(lock.locked(), lock.acquire(False), lock.locked(), lock.acquire(False))
lock.release()
r = threading.RLock()
with r:
    with r:
        print("reentrant ok")
try:
    threading.Lock().release()
except RuntimeError as e:
    print("RuntimeError", e)

# threads: many short-lived threads, each appending under a lock; results are complete and ordered by sort
import threading
out = []
lock = threading.Lock()
def job(i):
    with lock:
        out.append(i * i)
for batch in range(10):
    ts = [threading.Thread(target=job, args=(batch * 20 + i,)) for i in range(20)]
    for t in ts: t.start()
    for t in ts: t.join()
print(len(out), sum(out), sorted(out)[:5])

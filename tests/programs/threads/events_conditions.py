# threads: Event, Condition with wait_for/notify_all, ordered hand-offs between threads
import threading
ready = threading.Event()
log = []
def waiter(i):
    ready.wait()
    with cond:
        log.append(i)
        cond.notify_all()
cond = threading.Condition()
ts = [threading.Thread(target=waiter, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
print(ready.is_set(), ready.wait(0.01))
ready.set()
with cond:
    print(cond.wait_for(lambda: len(log) == 3, timeout=5))
for t in ts:
    t.join()
print(sorted(log), ready.is_set())
turn = [0]
c = threading.Condition()
out = []
def player(me, n):
    for k in range(n):
        with c:
            c.wait_for(lambda: turn[0] % 2 == me)
            out.append((me, k))
            turn[0] += 1
            c.notify_all()
a = threading.Thread(target=player, args=(0, 3))
b = threading.Thread(target=player, args=(1, 3))
a.start(); b.start(); a.join(); b.join()
print(out)

# RLock: reentrancy, ownership, and Condition.wait releasing every level.
import threading

r = threading.RLock()
print(r.acquire(), r.acquire(), r.acquire(blocking=False))
print(repr(r).split(" object")[0].split(" owner")[0], r._is_owned())
r.release(); r.release(); r.release()
print(repr(r).startswith("<unlocked _thread.RLock object owner=0 count=0"))
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)

# Another thread cannot release (or take) what this one owns.
r.acquire()
out = []
def intruder():
    try:
        r.release()
    except RuntimeError as e:
        out.append("release: %s" % e)
    out.append("acquire nonblocking: %s" % r.acquire(blocking=False))
    out.append("acquire timeout: %s" % r.acquire(timeout=0.01))
t = threading.Thread(target=intruder)
t.start(); t.join()
print(out)
r.release()

# Condition over an RLock held three levels deep: wait() releases all of them
# and restores them afterwards.
cond = threading.Condition(threading.RLock())
state = {"ready": False}
log = []
def waiter():
    with cond:
        with cond:
            with cond:
                while not state["ready"]:
                    cond.wait()
                log.append("woke, owned=%s" % cond._is_owned())
            log.append("level 2 still owned=%s" % cond._is_owned())
        log.append("level 1 still owned=%s" % cond._is_owned())
    log.append("released, owned=%s" % cond._is_owned())
w = threading.Thread(target=waiter)
w.start()
while True:
    with cond:
        if cond._waiters:
            state["ready"] = True
            cond.notify()
            break
w.join()
print(log)

# Lock basics beside it.
l = threading.Lock()
print(repr(l).startswith("<unlocked _thread.lock object at 0x"), l.acquire(), l.locked())
print(repr(l).startswith("<locked _thread.lock object at 0x"), l.acquire(False), l.acquire(timeout=0))
l.release()
for bad in [(False, 1), (True, -5)]:
    try:
        l.acquire(*bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    l.release()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    l.acquire(timeout=1e10)
except OverflowError as e:
    print("OverflowError:", e)
with l:
    print("inside with:", l.locked())
print("after with:", l.locked())

# threads: Semaphore bounds concurrency, BoundedSemaphore over-release, Barrier synchronises phases
import threading
sem = threading.Semaphore(2)
active = [0]
peak = [0]
guard = threading.Lock()
def task():
    with sem:
        with guard:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        for _ in range(2000):
            pass
        with guard:
            active[0] -= 1
ts = [threading.Thread(target=task) for _ in range(6)]
for t in ts: t.start()
for t in ts: t.join()
print(peak[0] <= 2, active[0])
b = threading.BoundedSemaphore(1)
b.acquire(); b.release()
try:
    b.release()
except ValueError as e:
    print("ValueError", e)
barrier = threading.Barrier(3)
phases = []
def phase(i):
    phases.append(("a", i))
    barrier.wait()
    phases.append(("b", i))
ts = [threading.Thread(target=phase, args=(i,)) for i in range(3)]
for t in ts: t.start()
for t in ts: t.join()
firsts = [p for p, _ in phases[:3]]
print(firsts, sorted(i for p, i in phases if p == "b"), barrier.parties, barrier.broken)

# subinterp: several interpreters run at once, via call_in_thread and via threading.Thread running exec(); results gathered on queues
import threading

from _interp_compat import interpreters

results = interpreters.create_queue()

def work(out, label, n):
    from concurrent import interpreters
    total = 0
    for i in range(n):
        total += i * i
    out.put((label, n, total, interpreters.get_current().id))

# call_in_thread: one thread per interpreter
workers = [interpreters.create() for _ in range(4)]
threads = [interp.call_in_thread(work, results, "call_in_thread", 1000 * (i + 1))
           for i, interp in enumerate(workers)]
print("all Threads:", all(isinstance(t, threading.Thread) for t in threads))
for t in threads:
    t.join()

# threading.Thread running exec() in other interpreters, concurrently
script = """if True:
    from concurrent import interpreters
    total = 0
    for i in range(n):
        total += i * i
    results.put(('exec in thread', n, total, interpreters.get_current().id))
"""
execers = [interpreters.create() for _ in range(3)]
for i, interp in enumerate(execers):
    interp.prepare_main(results=results, n=500 * (i + 1))
threads = [threading.Thread(target=interp.exec, args=(script,)) for interp in execers]
for t in threads:
    t.start()
for t in threads:
    t.join()

gathered = sorted(results.get() for _ in range(len(workers) + len(execers)))
ids = {interp.id for interp in workers + execers}
for label, n, total, interp_id in gathered:
    print(label, n, total, total == sum(i * i for i in range(n)))
print("each interpreter answered once:", sorted(r[3] for r in gathered) == sorted(ids))
print("nothing left over:", results.empty())

# two threads take turns on one interpreter and see the same __main__;
# exec() refuses to enter an interpreter that is already running, so a lock
# serialises them
shared = interpreters.create()
shared.prepare_main(results=results, hits=0)
lock = threading.Lock()
def bump(times):
    for _ in range(times):
        with lock:
            shared.exec("hits += 1")
pair = [threading.Thread(target=bump, args=(25,)) for _ in range(2)]
for t in pair:
    t.start()
for t in pair:
    t.join()
shared.exec("results.put(hits)")
print("hits from two threads:", results.get())

# a pipeline: main -> stage1 -> stage2 -> main, each stage in its own thread
q1, q2, q3 = (interpreters.create_queue() for _ in range(3))
stage1, stage2 = interpreters.create(), interpreters.create()
stage1.prepare_main(src=q1, dst=q2)
stage2.prepare_main(src=q2, dst=q3)
stage_script = """if True:
    while True:
        item = src.get()
        if item is None:
            dst.put(None)
            break
        dst.put(item + (get_label(),))
"""
stage1.exec("get_label = lambda: 'stage1'")
stage2.exec("get_label = lambda: 'stage2'")
runners = [threading.Thread(target=s.exec, args=(stage_script,)) for s in (stage1, stage2)]
for t in runners:
    t.start()
for i in range(3):
    q1.put((i,))
q1.put(None)
out = []
while True:
    item = q3.get()
    if item is None:
        break
    out.append(item)
for t in runners:
    t.join()
print("pipeline:", out)

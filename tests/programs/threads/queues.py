# threads: queue.Queue producer/consumer with task_done/join, LifoQueue, PriorityQueue, Empty/Full, timeouts
import queue, threading
q = queue.Queue()
results = []
def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        results.append(item * 2)
        q.task_done()
c = threading.Thread(target=consumer)
c.start()
for i in range(10):
    q.put(i)
q.put(None)
q.join()
c.join()
print(results, q.empty(), q.qsize())
lq = queue.LifoQueue()
for i in range(3): lq.put(i)
print([lq.get() for _ in range(3)])
pq = queue.PriorityQueue()
for x in [5, 1, 4, 2]: pq.put((x, str(x)))
print([pq.get() for _ in range(4)])
small = queue.Queue(maxsize=1)
small.put("a")
try:
    small.put_nowait("b")
except queue.Full:
    print("Full")
print(small.full(), small.get_nowait())
try:
    small.get(timeout=0.01)
except queue.Empty:
    print("Empty")
sq = queue.SimpleQueue()
sq.put(1); sq.put(2)
print(sq.get(), sq.get(), sq.empty())

# larger: discrete event simulation of a bank queue using heapq, generators as processes and seeded random
import heapq
import random

class Sim:
    def __init__(self):
        self.now = 0.0
        self.queue = []
        self.seq = 0
        self.log = []
    def schedule(self, delay, proc, value=None):
        self.seq += 1
        heapq.heappush(self.queue, (self.now + delay, self.seq, proc, value))
    def run(self, until):
        while self.queue and self.queue[0][0] <= until:
            self.now, _, proc, value = heapq.heappop(self.queue)
            try:
                cmd = proc.send(value)
            except StopIteration:
                continue
            kind, arg = cmd
            if kind == "wait":
                self.schedule(arg, proc)
            elif kind == "acquire":
                arg.request(self, proc)

class Resource:
    def __init__(self, capacity):
        self.capacity = capacity
        self.busy = 0
        self.waiting = []
        self.max_queue = 0
    def request(self, sim, proc):
        if self.busy < self.capacity:
            self.busy += 1
            sim.schedule(0, proc, sim.now)
        else:
            self.waiting.append(proc)
            self.max_queue = max(self.max_queue, len(self.waiting))
    def release(self, sim):
        if self.waiting:
            sim.schedule(0, self.waiting.pop(0), sim.now)
        else:
            self.busy -= 1

stats = {"served": 0, "wait_total": 0.0, "max_wait": 0.0}

def customer(sim, name, tellers, rng):
    arrive = sim.now
    start = yield ("acquire", tellers)
    waited = start - arrive
    stats["wait_total"] += waited
    stats["max_wait"] = max(stats["max_wait"], waited)
    yield ("wait", rng.uniform(2, 8))
    tellers.release(sim)
    stats["served"] += 1
    if stats["served"] <= 5:
        sim.log.append(f"{sim.now:7.3f} {name} done (waited {waited:.3f})")

def source(sim, tellers, rng, n):
    for i in range(n):
        c = customer(sim, f"cust{i:02d}", tellers, rng)
        sim.schedule(0, c)
        yield ("wait", rng.uniform(0.5, 3.5))

rng = random.Random(31337)
sim = Sim()
tellers = Resource(2)
sim.schedule(0, source(sim, tellers, rng, 40))
sim.run(until=1000)
for line in sim.log:
    print(line)
print("served", stats["served"], "avg wait", round(stats["wait_total"] / stats["served"], 6), "max wait", round(stats["max_wait"], 6))
print("max queue", tellers.max_queue, "end time", round(sim.now, 6), "busy", tellers.busy)

def ticker(name, period, count, out):
    for i in range(count):
        out.append((name, i))
        yield ("wait", period)
order = []
s2 = Sim()
s2.schedule(0, ticker("fast", 1, 6, order))
s2.schedule(0, ticker("slow", 2.5, 3, order))
s2.schedule(0.5, ticker("mid", 1.5, 4, order))
s2.run(until=100)
print(order)

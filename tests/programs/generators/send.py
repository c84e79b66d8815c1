# generators: send() protocol, priming, running accumulators and coroutines
def accumulator():
    total = 0
    while True:
        x = yield total
        if x is not None:
            total += x
acc = accumulator()
print(next(acc))
print(acc.send(5), acc.send(10), next(acc), acc.send(-3))
def echo():
    received = []
    try:
        while True:
            v = yield len(received)
            received.append(v)
    finally:
        print("echo closing, received", received)
e = echo()
print(e.send(None), e.send("a"), e.send("b"))
e.close()
g = accumulator()
try:
    g.send(1)
except TypeError as err:
    print("TypeError", err)
def moving_avg(n):
    window = []
    avg = None
    while True:
        v = yield avg
        window.append(v)
        if len(window) > n:
            window.pop(0)
        avg = sum(window) / len(window)
m = moving_avg(3)
next(m)
print([m.send(v) for v in [3, 6, 9, 12, 15]])
def state_machine():
    state = "idle"
    while True:
        cmd = yield state
        if state == "idle" and cmd == "start":
            state = "running"
        elif state == "running" and cmd == "pause":
            state = "paused"
        elif state == "paused" and cmd == "start":
            state = "running"
        elif cmd == "stop":
            state = "stopped"
sm = state_machine()
next(sm)
print([sm.send(c) for c in ["start", "pause", "pause", "start", "stop", "start"]])

"""Round trips through two queues between the main interpreter and another.

The main interpreter puts a number on `ping`; a subinterpreter, blocked in
`ping.get()`, wakes up, adds one and puts the result on `pong`, where the
main interpreter is blocked in `pong.get()`. The time per round trip is
the cost of two messages plus two wake-ups of a blocked thread.

gilgamesh's queues block without polling: a waiting thread is parked and
woken by the `put` itself. CPython 3.13's and 3.14's blocking `get` polls
every 10 ms instead (gh-143017).

Run:  gilgamesh docs/examples/interp_pingpong.py [ROUNDS]
      gilgamesh run --trace pingpong.json docs/examples/interp_pingpong.py 20
On CPython 3.13 (the 3.14 API rebuilt over 3.13's _interpreters by a test helper,
whose Queue.get polls as 3.14's Lib/concurrent/interpreters/_queues.py does):
      PYTHONPATH=tests/programs/subinterp python3.13 docs/examples/interp_pingpong.py 100
"""
import sys
import threading
import time

try:
    from concurrent import interpreters      # gilgamesh, CPython 3.14+
except ImportError:                           # CPython 3.13: the 3.14 API rebuilt over
    from _interp_compat import interpreters  # _interpreters (tests/programs/subinterp/)

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 2000

ping = interpreters.create_queue()
pong = interpreters.create_queue()
echo = interpreters.create()
echo.prepare_main(ping=ping, pong=pong)
server = threading.Thread(target=echo.exec, args=("""if True:
    while True:
        n = ping.get()
        if n is None:
            break
        pong.put(n + 1)
""",), name="echo")
server.start()

n = 0
times = []
for _ in range(ROUNDS):
    start = time.perf_counter()
    ping.put(n)
    n = pong.get()
    times.append(time.perf_counter() - start)
ping.put(None)
server.join()
echo.close()

times.sort()
print("round trips:", n)
print("median round trip: %.1f us" % (times[len(times) // 2] * 1e6))
print("90th percentile:   %.1f us" % (times[len(times) * 9 // 10] * 1e6))

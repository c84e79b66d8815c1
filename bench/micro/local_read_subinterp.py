"""threading.local attribute reads in the main interpreter and in a
subinterpreter, timed (gilgamesh only: CPython 3.11 has no
concurrent.interpreters). Prints nanoseconds per `loc.x` read in each;
run several times, the VM is noisy:
    ./target/release/gilgamesh run --mode gil bench/micro/local_read_subinterp.py"""
import time, threading
from concurrent import interpreters
code = """
import threading, time
loc = threading.local()
loc.x = 5
t0 = time.perf_counter()
s = 0
for i in range(300000):
    s += loc.x
dt = time.perf_counter() - t0
"""
loc = threading.local(); loc.x = 1
t0 = time.perf_counter()
s = 0
for i in range(300000):
    s += loc.x
print(f"main: {(time.perf_counter()-t0)/3e5*1e9:.0f} ns/read")
it = interpreters.create()
it.exec(code)
q = interpreters.create_queue()
it.prepare_main(q=q)
it.exec("q.put(dt)")
print(f"sub:  {q.get()/3e5*1e9:.0f} ns/read")

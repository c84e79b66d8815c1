"""The convoy effect: a thread that makes short blocking calls (think socket
reads) beside a CPU-bound thread.

Each blocking call releases the GIL; when it returns, the thread must take the
GIL back from the CPU-bound thread, which only lets go after a whole switch
interval (bpo-7946, gh-90204). So every short call costs a switch interval.
A shorter interval (`sys.setswitchinterval`) shortens the convoy, at the cost
of more switches.

Run:  gilgamesh docs/examples/convoy.py [SWITCH_INTERVAL_SECONDS]
"""
import sys
import threading
import time

if len(sys.argv) > 1:
    sys.setswitchinterval(float(sys.argv[1]))
CALLS = 200


def io_bound(out):
    start = time.perf_counter()
    for _ in range(CALLS):
        time.sleep(0.0001)  # a 0.1 ms blocking call that releases the GIL
    out.append(time.perf_counter() - start)


def cpu_bound(running):
    n = 0
    while running[0]:
        n += 1


def measure(with_cpu_thread):
    running = [True]
    out = []
    cpu = threading.Thread(target=cpu_bound, args=(running,))
    if with_cpu_thread:
        cpu.start()
    io = threading.Thread(target=io_bound, args=(out,))
    io.start()
    io.join()
    running[0] = False
    if with_cpu_thread:
        cpu.join()
    return out[0]


print("switch interval: %.4f s" % sys.getswitchinterval())
alone = min(measure(False) for _ in range(3))
beside = min(measure(True) for _ in range(3))
print("I/O thread alone:          %7.1f ms for %d calls (%5.3f ms per call)" % (alone * 1e3, CALLS, alone * 1e3 / CALLS))
print("beside a CPU-bound thread: %7.1f ms for %d calls (%5.3f ms per call)" % (beside * 1e3, CALLS, beside * 1e3 / CALLS))
print("slowdown: %.1fx" % (beside / alone))

# _thread.interrupt_main: another thread makes the main thread raise
# KeyboardInterrupt at its next safe point.
import _thread
import threading
import time

def later(delay):
    time.sleep(delay)
    _thread.interrupt_main()

# A blocking call finishes first (no real signal is sent), then it arrives.
# (The threads start inside the `try`: on a loaded machine the interrupt
# may come before the next line runs.)
t = threading.Thread(target=later, args=(0.05,))
try:
    t.start()
    time.sleep(0.3)
    print("not reached: the sleep ends, then the interrupt is raised")
    while True:
        pass
except KeyboardInterrupt:
    print("interrupted after the sleep")
t.join()

# In a busy loop it arrives at the next safe point.
t = threading.Thread(target=later, args=(0.05,))
n = 0
try:
    t.start()
    while True:
        n += 1
except KeyboardInterrupt:
    print("loop interrupted:", n > 0)
t.join()

for bad in (0, 99):
    try:
        _thread.interrupt_main(bad)
    except ValueError as e:
        print("ValueError:", e)
print("done")

# _thread.interrupt_main: another thread makes the main thread raise
# KeyboardInterrupt at its next safe point.
import _thread
import threading
import time

def later(delay):
    time.sleep(delay)
    _thread.interrupt_main()

# A blocking call finishes first (no real signal is sent), then it arrives.
t = threading.Thread(target=later, args=(0.01,))
t.start()
try:
    time.sleep(0.2)
    print("not reached: the sleep ends, then the interrupt is raised")
    while True:
        pass
except KeyboardInterrupt:
    print("interrupted after the sleep")
t.join()

# In a busy loop it arrives at the next safe point.
t = threading.Thread(target=later, args=(0.01,))
t.start()
n = 0
try:
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

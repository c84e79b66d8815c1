# threads: an exception in a thread is reported on stderr, other threads and the main thread go on
import threading
done = []
def bad():
    raise ValueError("boom in thread")
def good():
    done.append("good")
t1 = threading.Thread(target=bad, name="bad-thread")
t2 = threading.Thread(target=good)
t1.start(); t1.join()
t2.start(); t2.join()
print(done, t1.is_alive())
hooked = []
old = threading.excepthook
threading.excepthook = lambda args: hooked.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))
t3 = threading.Thread(target=bad, name="hooked")
t3.start(); t3.join()
threading.excepthook = old
print(hooked)

# Threads compute with floats they read from a shared list, a shared dict and
# a shared instance while other threads keep replacing those floats with new
# ones (made by arithmetic, so each is owned by its writer and starts with one
# reference). A float that the eval loop finds uniquely referenced may have
# its value overwritten in place by the next operation; one that another
# thread is reading must never be.
# Invariants: every value read is one some writer stored (a multiple of 0.5
# in range), every computed value matches its inputs, and no crash.
import threading

T, N = 4, 20000
VALUES = 64

shared_list = [0.5 * k for k in range(VALUES)]
shared_dict = {k: 0.5 * k for k in range(VALUES)}


class Box:
    pass


box = Box()
box.v = 0.0
errors = []
barrier = threading.Barrier(T)


def valid(x):
    return x * 2.0 == int(x * 2.0) and 0.0 <= x < VALUES * 0.5


def writer(seed):
    barrier.wait()
    k = seed
    for i in range(N):
        k = (k * 17 + 5) % VALUES
        v = (k * 1.0) * 0.5  # a fresh float, owned by this thread
        shared_list[i % VALUES] = v
        shared_dict[i % VALUES] = v + 0.0
        box.v = v * 1.0


def reader(seed):
    barrier.wait()
    for i in range(N):
        a = shared_list[(i + seed) % VALUES]
        b = shared_dict[(i * 7 + seed) % VALUES]
        c = box.v
        if not (valid(a) and valid(b) and valid(c)):
            errors.append(("read", a, b, c))
            return
        s = a + b  # may reuse no operand: both are still shared
        t = s * 2.0 - b * 2.0  # temporaries reused in place
        if t != a * 2.0 or not valid(a) or not valid(b):
            errors.append(("sum", a, b, s, t))
            return


threads = [threading.Thread(target=writer, args=(s,)) for s in range(T // 2)]
threads += [threading.Thread(target=reader, args=(s,)) for s in range(T - T // 2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("ok" if not errors else errors[:3])

# A tuple subclass instance that survives a collection stays tracked: its
# class (in a cycle with it through the class's namespace) is collected once
# both are garbage. (Untracking it like an exact tuple of atomic items would
# keep the cycle alive for ever.)
import gc


def make():
    class Point(tuple):
        pass

    Point.origin = Point((0, 0))
    return Point


gc.disable()
p = make()
gc.collect()  # p and Point.origin survive this one
print("origin is tracked:", gc.is_tracked(p.origin))
del p
print("cycle collected:", gc.collect() > 0)
print("nothing left:", gc.collect() == 0)

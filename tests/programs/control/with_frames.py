"""with statements whose __enter__/__exit__ are Python functions (run as
frames of the eval loop), generators, builtins, other callables; results,
exceptions, returns and breaks through them."""


class Ctx:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()

    def __exit__(self, *exc):
        print("exit", self.name, exc[0].__name__ if exc[0] else None)
        return self.suppress


with Ctx("a") as v:
    print("body", v)

with Ctx("outer") as o, Ctx("inner") as i:
    print(o, i)

with Ctx("sup", suppress=True):
    raise KeyError("gone")
print("after suppressed")

try:
    with Ctx("nosup"):
        raise ValueError("kept")
except ValueError as e:
    print("caught", e)


def ret():
    with Ctx("r"):
        return "returned"


print(ret())

for k in range(3):
    with Ctx("loop%d" % k):
        if k == 1:
            continue
        if k == 2:
            break
        print("k", k)


class BadEnter:
    def __enter__(self):
        raise RuntimeError("enter failed")

    def __exit__(self, *a):
        print("never")


try:
    with BadEnter():
        print("never")
except RuntimeError as e:
    print("caught", e)


class BadExit:
    def __enter__(self):
        return 1

    def __exit__(self, a, b, c):
        return 1 / 0


try:
    with BadExit():
        pass
except ZeroDivisionError as e:
    print("exit raised", e)


class ExitReturnsValue:
    def __enter__(self):
        return self

    def __exit__(self, a, b, c):
        return "truthy but ignored without an exception"


with ExitReturnsValue() as x:
    print(type(x).__name__)


class GenEnter:
    def __enter__(self):
        yield 1

    def __exit__(self, *a):
        print("gen exit")


with GenEnter() as g:
    print(type(g).__name__, next(g))


class StaticExit:
    def __enter__(self):
        return "s"

    @staticmethod
    def __exit__(a, b, c):
        print("static exit", a, b, c)


with StaticExit() as s:
    print(s)


class DefaultsExit:
    def __enter__(self, extra=5):
        return extra

    def __exit__(self, a, b, c, d=7):
        print("exit d", d)


with DefaultsExit() as d:
    print("enter default", d)


class WrongArity:
    def __enter__(self):
        return None

    def __exit__(self):
        pass


try:
    with WrongArity():
        pass
except TypeError as e:
    print("TypeError", "__exit__" in str(e))

import threading

lock = threading.Lock()
with lock:
    print("locked", lock.locked())
print("unlocked", lock.locked())


def deep(n):
    with Ctx("d%d" % n) if n != 2 else lock:
        return n if n == 0 else deep(n - 1)


print(deep(3))

try:
    with 42:
        pass
except TypeError as e:
    print("TypeError", e)

# __del__ runs when an instance's last reference goes: on `del`, on
# rebinding, when a function's locals go, when a container lets go; once
# only, even after resurrection; with intact attributes for cyclic garbage
# (PEP 442); an exception in it is reported and ignored.
import gc


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


a = Noisy("a")
print("before del a")
del a
print("after del a")

b = Noisy("b1")
b = Noisy("b2")
print("rebound b")


def scope():
    local = Noisy("local")
    print("in scope", local.name)


scope()
print("after scope")

items = [Noisy("i%d" % i) for i in range(3)]
items.clear()
print("after clear")

d = {"k": Noisy("dict value")}
d["k"] = 1
print("after dict store")

saved = []


class Phoenix:
    def __del__(self):
        print("phoenix del")
        saved.append(self)


p = Phoenix()
del p
print("resurrected:", len(saved))
saved.clear()
print("second death is silent")


class Child(Noisy):
    pass


c = Child("child")
del c
print("after child")


class Late:
    pass


Late.__del__ = lambda self: print("late del")
x = Late()
del x
print("after late")


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        print("node del", self.name, self.other.name if self.other else None)


n1 = Node("n1")
n2 = Node("n2")
n1.other = n2
n2.other = n1
del n1, n2
found = gc.collect()
print("collected cycle:", found >= 2)


class Bad:
    def __del__(self):
        raise ValueError("boom")


bad = Bad()
del bad
print("after bad")


def gen():
    try:
        yield 1
    finally:
        print("gen finally")


g = gen()
next(g)
del g
print("after gen")
b = None
print("end")


# Subclasses of built-in types are finalized too.
class MyList(list):
    def __del__(self):
        print("list subclass del", len(self))


class MyError(Exception):
    def __del__(self):
        print("exception subclass del", self.args)


class MyStr(str):
    def __del__(self):
        print("str subclass del", str(self))


ml = MyList([1, 2])
del ml
try:
    raise MyError("x")
except MyError:
    pass
ms = MyStr("text")
del ms
print("subclasses done")

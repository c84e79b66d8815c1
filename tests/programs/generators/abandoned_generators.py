"""Generators let go of while suspended inside try/finally or with are closed (their finally clauses and __exit__ run), in the thread that let go of them."""
def brk():
    try:
        yield 1
        yield 2
    finally:
        print("fin")
for x in brk():
    break
print("after")

class Ctx:
    def __enter__(self): print("enter")
    def __exit__(self, *a): print("exit", a[0].__name__ if a[0] else None)
def w():
    with Ctx():
        yield 1
g = w()
next(g)
del g
print("deleted")

def plain():
    yield 1
    yield 2
p = plain(); next(p); del p
print("plain ok")

def stubborn():
    try:
        yield 1
    finally:
        yield 2
s = stubborn(); next(s); del s
print("after stubborn")

def unstarted():
    try:
        yield 1
    finally:
        print("never")
u = unstarted(); del u

def catcher():
    try:
        yield 1
    except GeneratorExit:
        print("got GeneratorExit")
        raise
c = catcher(); next(c)
c = None
print("end")
def last():
    try:
        yield 1
    finally:
        print("last fin")
L = last(); next(L)
L = 0
import threading
def worker():
    for x in brk():
        break
t = threading.Thread(target=worker)
t.start()
t.join()
print("joined")

# weakref.WeakMethod: dies with its object (or function); calling it rebuilds the bound method; types.MethodType
import types
import weakref


class Button:
    def __init__(self, label):
        self.label = label

    def click(self, times=1):
        return "%s clicked %d" % (self.label, times)


b = Button("ok")
wm = weakref.WeakMethod(b.click)
m = wm()
print(m(), m(3), m == b.click, type(m).__name__)
print(wm == weakref.WeakMethod(b.click), wm != weakref.WeakMethod(b.click))
print(hash(wm) == hash(weakref.WeakMethod(b.click)))
got = []
wm2 = weakref.WeakMethod(b.click, lambda r: got.append(r is wm2))
del m
del b
print(wm(), wm2(), got)
try:
    weakref.WeakMethod(len)
except TypeError:
    print("TypeError: not a bound method")


def standalone(self, x):
    return (self.label, x)


c = Button("c")
bound = types.MethodType(standalone, c)
print(bound(5), bound.__self__ is c, bound.__func__ is standalone)
try:
    types.MethodType(standalone, None)
except TypeError as e:
    print("TypeError:", e)
try:
    types.MethodType(1, c)
except TypeError as e:
    print("TypeError:", e)

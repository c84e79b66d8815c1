# the __weakref__ attribute of instances of classes: the head of the object's list of weak references, or None
import weakref
class C: pass
c = C()
print(c.__weakref__)
r = weakref.ref(c)
print(c.__weakref__ is r)
r2 = weakref.ref(c, lambda w: None)
print(c.__weakref__ is r)
del r
print(c.__weakref__ is r2)
class S:
    __slots__ = ('a',)
try:
    S().__weakref__
except AttributeError as e:
    print("AE", e)
def f(): pass
try:
    f.__weakref__
except AttributeError as e:
    print("AE", e)
class SW:
    __slots__ = ('__weakref__',)
s = SW()
print(s.__weakref__)

# weak references to instances of native types (deque, io streams, partial, Struct, array, Random, locks) and to a subclass of one; itertools and operator objects are not weakly referenceable
import weakref, collections, io, functools, struct, array, random, threading, itertools, operator
for o in [collections.deque(), io.StringIO(), io.BytesIO(), functools.partial(print), struct.Struct("i"), array.array("i"), random.Random(), threading.Lock(), threading.RLock(), itertools.count(), operator.itemgetter(1), bytearray()]:
    try:
        r = weakref.ref(o); print(type(o).__name__, r() is o)
    except TypeError as e:
        print(e)
class D(collections.deque): pass
d = D([1]); print(weakref.ref(d)() is d, list(d))

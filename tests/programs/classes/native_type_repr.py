# repr() and str() of native library types call their native __repr__
# directly (no Python-level forwarder is installed in the shared type), in
# every formatting path: repr, str, f-strings, % formatting, containers.
import array
import collections
import itertools
import operator

print(repr(collections.deque([1, 2])), str(collections.deque([3])))
print(repr(collections.deque([1, 2], maxlen=3)))
print(repr(bytearray(b"ab")), str(bytearray(b"x")), ascii(bytearray(b"\xff")))
print(repr(operator.itemgetter(1)), repr(operator.attrgetter("a")))
print(repr(operator.itemgetter(1, 2)), repr(operator.methodcaller("f", 1, k=2)))
print(repr(array.array("i", [1, 2])), str(array.array("d")))
print(repr(collections.OrderedDict(a=1)), repr(collections.defaultdict(int)))
print(repr(itertools.count(3)), repr(itertools.repeat(1, 2)))
print(f"{collections.deque([1])}", "%s" % bytearray(b"q"), "%r" % bytearray(b"q"))
print([bytearray(b"a"), collections.deque()], (array.array("b", [1]),))
print({"k": collections.deque([bytearray(b"z")])})
d = collections.deque()
d.append(d)
print(repr(d))
print(type(bytearray.__repr__).__name__ in ("method_descriptor", "wrapper_descriptor", "builtin_function_or_method"))

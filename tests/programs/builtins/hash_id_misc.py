# builtins: hash on small ints and tuples, id identity checks (not printed), len, repr, ascii
print(hash(0), hash(1), hash(-1), hash(100), hash(True), hash(False))
print(hash((1, 2)) == hash((1, 2)), hash(1.0) == hash(1), hash(2.5) == hash(2.5))
a = [1]
b = a
print(id(a) == id(b), id(a) == id([1]), type(id(a)).__name__)
print(len("abc"), len([1, 2]), len({1: 2}), len(range(10)), len(b"xy"), len((1,)), len(set()))
print(repr("a'b"), repr(1.0), repr([None]), ascii("naïve"), ascii(["é"]))
print(repr(repr), repr(len))
class L:
    def __len__(self):
        return 7
print(len(L()))

# classes: __eq__, __lt__ and friends, __hash__, NotImplemented fallback, hand-written total ordering
class Version:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split("."))
    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts == other.parts
    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts < other.parts
    def __le__(self, other):
        return self == other or self < other
    def __gt__(self, other):
        return not self <= other
    def __ge__(self, other):
        return not self < other
    def __hash__(self):
        return hash(self.parts)
    def __repr__(self):
        return "V(" + ".".join(map(str, self.parts)) + ")"
vs = [Version(s) for s in ["1.10.0", "1.2", "1.2.0", "0.9.9", "1.2"]]
print(sorted(vs), max(vs), min(vs))
print(Version("1.2") == Version("1.2"), Version("1.2") != Version("1.3"), Version("2") > Version("1.9"), Version("1.0") >= Version("1.0"))
print(len(set(vs)), Version("1.2") in {Version("1.2"): 1})
print(Version("1") == "1", Version("1") != 1)
try:
    Version("1") < 5
except TypeError as e:
    print("TypeError", e)
class NoHash:
    def __eq__(self, o):
        return True
try:
    hash(NoHash())
except TypeError as e:
    print("TypeError", e)
print(NoHash.__hash__)
class Rev:
    def __init__(self, n):
        self.n = n
    def __gt__(self, other):
        print("Rev.__gt__ called")
        return self.n > other
print(5 < Rev(10))
class Default:
    pass
a = Default()
print(a == a, a == Default(), a != Default())

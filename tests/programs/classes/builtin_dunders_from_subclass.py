# A subclass of int, float or str whose __repr__ / __hash__ calls the
# built-in one (int.__repr__(self), super().__repr__()) gets the built-in
# result, not its own method again.
class I(int):
    def __repr__(self):
        return "I(" + int.__repr__(self) + ")"
    def __hash__(self):
        return int.__hash__(self) + 1

class G(float):
    def __repr__(self):
        return "G(" + super().__repr__() + ")"
    def __hash__(self):
        return float.__hash__(self) * 2

class S(str):
    def __repr__(self):
        return "S(" + str.__repr__(self) + ")"
    def __hash__(self):
        return str.__hash__(self) ^ 1

print(repr(I(5)), [I(-3)], hash(I(5)), hash(I(2 ** 70)) == hash(2 ** 70) + 1)
print(repr(G(2.5)), [G(1e300)], hash(G(2.5)) == 2 * hash(2.5), str(G(0.5)))
print(repr(S("a'b")), hash(S("xy")) == hash("xy") ^ 1, {I(1): "one"}[I(1)])
print(int.__repr__(7), float.__repr__(0.25), int.__hash__(-1), float.__hash__(1.5) == hash(1.5))

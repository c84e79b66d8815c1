# classes: a built-in number's operator defers to a wider-kind operand's reflected method (int + float subclass), subclasses overriding it win, NotImplemented from it is final; float fast paths only for exact floats; sum() fast paths keep + semantics
class F(float):
    def __radd__(self, o): return "F.radd"
    def __rmul__(self, o): return "F.rmul"
    def __add__(self, o): return "F.add"
class G(int):
    def __radd__(self, o): return "G.radd"
class P(float):
    pass
class K(float):
    def __radd__(self, o): return 100
    def __add__(self, o): return 200
class H(float):
    def __radd__(self, o): return NotImplemented
print(1 + F(2), 2.5 * F(2), 1 * F(3), True + F(1), F(1) + 2.0, F(1) + 1)
print(1.5 + G(2), 1 + G(2), 1 + P(2), type(1 + P(2)).__name__, 3 - P(1), 2 ** P(2), P(2) * 2)
print(1 + 2.5, 2 * 1j, 1.5 - 1, 2 ** 0.5, 1j * 2.0)
try:
    print(1 + H(2))
except TypeError as e:
    print("TypeError:", e)
print(sum([1, 2, 3]), sum((1.5, 2, 3)), sum([1, 2.5]), sum([], 7), sum([True, True, 1]), sum([0.1] * 10), sum(range(10)))
print(sum([2**61, 2**61, 2**61]), sum([1, 2**70]), sum([1.0, 2**70]), sum([10**20, 1.5]))
print(sum([[1], [2]], []), sum(x for x in [1, 2.5, 3]), sum([K(1.0), 2.0]), sum([1, K(2)]), sum([K(1)], 0.5), sum([P(1), P(2)]))
print(sum([-2**62, -1]), sum([1e308, 1e308]), sum([1, 2], 0.5), sum((), 0.0))
for bad in (["a", "b"], [1, "a"], [1.5, None]):
    try:
        sum(bad)
    except TypeError as e:
        print("TypeError:", e)
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1], [2], [3])), list(zip(*[(1, 2), (3, 4)])))
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as e:
    print("ValueError:", e)
class L(float):
    def __lt__(self, o): return "L.lt"
    def __eq__(self, o): return "L.eq"
    __hash__ = float.__hash__
print(L(1) < 2.0, L(1) == 1.0, 2.0 > L(1), L(3) > 2.0)

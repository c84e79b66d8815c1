# containers: equality and ordering comparisons across container types and hashing of ints/tuples
print([1, 2] == [1, 2], (1, 2) == (1, 2), [1, 2] == (1, 2), {1: 2} == {1: 2}, {1} == {1})
print([1, 2, 3] > [1, 2], (1, "b") > (1, "a"), [[1]] < [[2]], [1, 2] <= [1, 2])
print(hash(1) == hash(1.0), hash(0) == hash(False), hash(-1), hash(-2), hash(5), hash(2 ** 61 - 1), hash(2 ** 61))
print(hash((1, 2)) == hash((1, 2)), hash((1, (2, 3))) == hash((1, (2, 3))))
for obj in ([1], {1: 2}, {3}, bytearray(b"x")):
    try:
        hash(obj)
    except TypeError as e:
        print("TypeError", e)
nan = float("nan")
lst = [nan]
print(nan in lst, lst == lst, [nan] == [nan], nan == nan)
print({1, 2} < {1, 2, 3}, {1, 2} < {3, 4}, {1, 2} > {3})
print(sorted([[3, 1], [2, 9], [2, 1, 0]]), max([(1, "z"), (1, "zz")]))
class Odd:
    def __eq__(self, o):
        return True
print([Odd()] == [1], 1 in [Odd()], [Odd()].count(5), [1, 2].index(Odd()) if False else "skip")

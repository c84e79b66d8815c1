# `x in container` for lists, tuples, sets, dicts and their subclasses: own
# __contains__ wins, __eq__ may change the list while it is searched, and
# identity is tried before equality.


class MagicSet(set):
    def __contains__(self, x):
        return x == "magic"


class MagicDict(dict):
    def __contains__(self, x):
        return True


class MagicList(list):
    def __contains__(self, x):
        return x == 0


class PlainSet(set):
    pass


print("magic" in MagicSet(), 1 in MagicSet({1}), 1 in PlainSet({1}))
print("anything" in MagicDict(), 5 in MagicList([5]), 0 in MagicList())


class Clearing:
    def __init__(self, target):
        self.target = target
        self.calls = 0

    def __eq__(self, other):
        self.calls += 1
        self.target.clear()
        return False


lst = [1, 2, 3]
c = Clearing(lst)
lst.insert(0, c)
print(5 in lst, lst, c.calls)

nan = float("nan")
print(nan in [nan], nan in (nan,), nan in {nan}, float("nan") in [float("nan")])
print(3 in (1, 2, 3), "x" in ("a",), (1, 2) in [(1, 2)], [1] in [[1]], 2.0 in [1, 2])
big = list(range(10000))
print(9999 in big, -1 in big, 5000.0 in big, 10 ** 30 in big)

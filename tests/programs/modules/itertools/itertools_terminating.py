# modules/itertools: accumulate, chain, chain.from_iterable, compress, dropwhile, takewhile, filterfalse, islice, starmap, pairwise
import itertools as it
import operator
print(list(it.accumulate([1, 2, 3, 4, 5])), list(it.accumulate([1, 2, 3, 4], operator.mul)), list(it.accumulate([3, 1, 4, 1, 5], max)))
print(list(it.accumulate([1, 2, 3], initial=100)), list(it.accumulate([])))
print(list(it.chain("ab", [1, 2], (3,))), list(it.chain.from_iterable(["xy", "z", []])), list(it.chain()))
print(list(it.compress("ABCDEF", [1, 0, 1, 0, 1, 1])), list(it.compress(range(10), [0, 1] * 5)))
print(list(it.dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(it.takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(it.filterfalse(lambda x: x % 2, range(10))), list(it.filterfalse(None, [0, 1, "", "a"])))
print(list(it.islice("ABCDEFG", 2)), list(it.islice("ABCDEFG", 2, 4)), list(it.islice("ABCDEFG", 2, None)), list(it.islice("ABCDEFG", 0, None, 2)), list(it.islice(range(10), 1, 9, 3)))
print(list(it.starmap(pow, [(2, 5), (3, 2), (10, 3)])), list(it.starmap(lambda a, b: a + b, zip("ab", "cd"))))
print(list(it.pairwise("ABCDE")), list(it.pairwise([1])), list(it.pairwise(range(4))))
g = it.chain([1], [2])
print(next(g), next(g), next(g, "end"))

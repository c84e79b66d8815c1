# builtins: min, max, sum with key/default/start, abs, divmod, pow, round
print(min(3, 1, 2), max(3, 1, 2), min([4, 5]), max("hello"), min((1, "z"), (1, "a")))
print(max(["aa", "b", "cccc"], key=len), min(["aa", "b", "cccc"], key=len), max([], default=None))
print(max([1, 3, 3], key=lambda x: -x), max([(1, "a"), (1, "b")], key=lambda t: t[0]))
print(sum([1, 2, 3]), sum([1, 2, 3], 10), sum([0.1] * 3), sum([[1], [2]], []), sum(range(10), start=5))
print(abs(-7), abs(-7.5), abs(True), divmod(17, 5), divmod(-17, 5), divmod(17.5, 5))
print(pow(2, 8), pow(2, 8, 7), pow(2.0, -1), round(3.14159, 2), round(2.5), round(-0.5), round(17, -1))
try:
    min()
except TypeError as e:
    print("TypeError", e)
try:
    max(1)
except TypeError as e:
    print("TypeError", e)
try:
    min([])
except ValueError as e:
    print("ValueError", e)
print(min([5], key=None), max([2, 7], key=None))

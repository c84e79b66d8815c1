# modules/functools: reduce (with/without initial), partial (args, keywords, nesting, attributes)
from functools import reduce, partial
import operator
print(reduce(operator.add, [1, 2, 3, 4]), reduce(operator.mul, range(1, 11)), reduce(lambda a, b: a + b, [], 0), reduce(max, [3, 9, 2]))
print(reduce(lambda acc, x: acc + [x * 2], [1, 2, 3], []), reduce(lambda a, b: b + a, "abc"))
try:
    reduce(operator.add, [])
except TypeError as e:
    print("TypeError", e)
def power(base, exp, mod=None):
    return pow(base, exp, mod)
square = partial(power, exp=2)
cube = partial(power, exp=3)
two_to = partial(power, 2)
print(square(5), cube(3), two_to(10), two_to(10, mod=1000), square(7, mod=10))
print(square.func is power, square.args, square.keywords, two_to.args)
p2 = partial(partial(power, 3), 4)
print(p2(), p2.args)
basetwo = partial(int, base=2)
print(basetwo("1011"), basetwo("111", base=10))
print(list(map(partial(operator.mul, 3), range(5))))

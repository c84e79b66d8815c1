# sorted()/list.sort() on keys that compare natively (ints, floats, strs, tuples
# of those) must order exactly as Python's '<' does, stably, in both directions;
# mixed or unusual keys take the general path.
import random
r = random.Random(5)
xs = [r.randint(-50, 50) for _ in range(300)]
print(sorted(xs)[:10], sorted(xs, reverse=True)[:10])
fs = [r.random() * 10 - 5 for _ in range(200)] + [0.0, -0.0, 1.0, -0.0]
s = sorted(fs)
print(s[:3], s[-3:], [repr(x) for x in sorted([0.0, -0.0, 0.0, -0.0])], [repr(x) for x in sorted([0.0, -0.0, 0.0, -0.0], reverse=True)])
strs = ["b", "a", "é", "z", "A", "", "ab", "\U0001f600", "ä"]
print(sorted(strs), sorted(strs, reverse=True))
ts = [(r.randint(0, 3), r.choice("abc"), i) for i in range(50)]
print(sorted(ts)[:8], sorted(ts, key=lambda t: (t[1], -t[2]))[:5])
print(sorted([(1,), (1, 0), (0, 5, 5), ()]))
print(sorted([(1, "a"), (1, 2)], key=lambda t: t[0]))
try:
    sorted([(1, "a"), (1, 2)])
except TypeError as e:
    print("TypeError", e)
print(sorted([1, 2.5, 0, -1.5]), sorted([True, 0, 2]))
nan = float("nan")
print(sorted([3.0, nan, 1.0])[1:] != None)
print(sorted(range(10), key=lambda x: x % 3), sorted(range(10), key=lambda x: x % 3, reverse=True))
print(sorted(["b", "a"], key=str.upper), sorted([2**70, 1, -2**70]))
class S(str): pass
print(sorted([S("b"), "a"]))

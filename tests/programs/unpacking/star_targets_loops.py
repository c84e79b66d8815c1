# unpacking: starred targets inside for loops and comprehensions, unpacking return values
rows = [("a", 1, 2, 3), ("b", 4), ("c", 5, 6)]
for name, *nums in rows:
    print(name, nums, sum(nums))
print([(h, t) for h, *t in ["xyz", "pq", "m"]])
def stats(xs):
    s = sorted(xs)
    return s[0], s[len(s) // 2], s[-1]
lo, mid, hi = stats([5, 3, 9, 1, 7])
print(lo, mid, hi)
*_, last_two = [1, 2, 3, 4]
print(last_two)
data = {"k": [1, 2, 3]}
first, *rest = data["k"]
print(first, rest)
(a, *b), c = "hey", "you"
print(a, b, c)

# modules/bisect: bisect_left/right, insort_left/right, lo/hi bounds, key=, grade lookup
import bisect
a = [1, 2, 2, 2, 3, 5, 8]
print(bisect.bisect_left(a, 2), bisect.bisect_right(a, 2), bisect.bisect(a, 2), bisect.bisect_left(a, 4), bisect.bisect_right(a, 100), bisect.bisect_left(a, -5))
print(bisect.bisect_left(a, 2, 2), bisect.bisect_right(a, 2, 0, 3))
b = []
for v in [5, 1, 4, 1, 3, 9]:
    bisect.insort(b, v)
print(b)
bisect.insort_left(b, 4); bisect.insort_right(b, 4)
print(b)
def grade(score, breakpoints=[60, 70, 80, 90], grades="FDCBA"):
    return grades[bisect.bisect(breakpoints, score)]
print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100, 60]])
recs = [("a", 1), ("b", 3), ("c", 5)]
print(bisect.bisect_left(recs, 3, key=lambda r: r[1]), bisect.bisect_right(recs, 3, key=lambda r: r[1]))
bisect.insort(recs, ("x", 4), key=lambda r: r[1])
print(recs)
def index_of(xs, x):
    i = bisect.bisect_left(xs, x)
    return i if i != len(xs) and xs[i] == x else -1
print(index_of(a, 3), index_of(a, 4), index_of([], 1))

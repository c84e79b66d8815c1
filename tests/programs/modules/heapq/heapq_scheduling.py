# modules/heapq: k-way merge, running median with two heaps, top-k frequent, event ordering with tuples
import heapq
def running_median(xs):
    lo, hi, out = [], [], []
    for x in xs:
        if not lo or x <= -lo[0]:
            heapq.heappush(lo, -x)
        else:
            heapq.heappush(hi, x)
        if len(lo) > len(hi) + 1:
            heapq.heappush(hi, -heapq.heappop(lo))
        elif len(hi) > len(lo):
            heapq.heappush(lo, -heapq.heappop(hi))
        out.append(-lo[0] if len(lo) > len(hi) else (-lo[0] + hi[0]) / 2)
    return out
print(running_median([5, 15, 1, 3, 8, 7, 9, 10, 20, 2]))
def kmerge(*lists):
    h = [(lst[0], i, 0) for i, lst in enumerate(lists) if lst]
    heapq.heapify(h)
    out = []
    while h:
        v, i, j = heapq.heappop(h)
        out.append(v)
        if j + 1 < len(lists[i]):
            heapq.heappush(h, (lists[i][j + 1], i, j + 1))
    return out
print(kmerge([1, 4, 7], [2, 5, 8], [0, 3, 6, 9], []))
words = "a b c a b a d e e e e f".split()
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
print(heapq.nlargest(3, freq.items(), key=lambda kv: (kv[1], kv[0])))
events = []
for t, name in [(5, "e"), (1, "a"), (3, "c"), (1, "b"), (3, "a")]:
    heapq.heappush(events, (t, name))
print([heapq.heappop(events) for _ in range(len(events))])

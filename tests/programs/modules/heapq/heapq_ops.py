# modules/heapq: heappush, heappop, heapify, heappushpop, heapreplace, nlargest, nsmallest, merge
import heapq
h = []
for v in [5, 1, 8, 3, 9, 2, 7]:
    heapq.heappush(h, v)
print(h, h[0])
print([heapq.heappop(h) for _ in range(len(h))])
data = [9, 4, 7, 1, 8, 2, 2, 6]
heapq.heapify(data)
print(data)
print(heapq.heappushpop(data, 0), heapq.heappushpop(data, 5), data)
print(heapq.heapreplace(data, 10), data)
nums = [15, 3, 99, 42, 7, 0, -4, 42]
print(heapq.nlargest(3, nums), heapq.nsmallest(3, nums), heapq.nlargest(2, ["bb", "a", "ccc"], key=len), heapq.nsmallest(0, nums))
print(list(heapq.merge([1, 4, 9], [2, 3, 10], [0, 11])), list(heapq.merge(["a", "c"], ["b"], key=str)))
tasks = []
for prio, name in [(3, "low"), (1, "urgent"), (2, "normal"), (1, "also urgent")]:
    heapq.heappush(tasks, (prio, name))
while tasks:
    print(heapq.heappop(tasks))
try:
    heapq.heappop([])
except IndexError as e:
    print("IndexError", e)
def heapsort(xs):
    h = list(xs)
    heapq.heapify(h)
    return [heapq.heappop(h) for _ in range(len(h))]
print(heapsort([(i * 37) % 23 for i in range(23)]))
maxh = []
for v in [3, 1, 4, 1, 5]:
    heapq.heappush(maxh, -v)
print([-heapq.heappop(maxh) for _ in range(3)])

# lists: sort and sorted with key, reverse, stability
nums = [5, 2, 9, 1, 5, 6, -3, 0]
print(sorted(nums), sorted(nums, reverse=True), nums)
nums.sort(); print(nums)
words = ["banana", "Apple", "cherry", "date", "Elder", "fig"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len), sorted(words, key=len, reverse=True))
recs = [("bob", 3), ("amy", 1), ("cal", 3), ("dan", 2), ("eve", 1)]
print(sorted(recs, key=lambda r: r[1]))
print(sorted(recs, key=lambda r: (-r[1], r[0])))
recs.sort(key=lambda r: r[0], reverse=True); print(recs)
print(sorted([[2, 1], [1, 2], [1, 1], [2]]))
print(sorted([3.5, 1, 2.25, -1]), sorted("hello"), sorted((3, 1, 2)))
try:
    sorted([1, "a", 2])
except TypeError as e:
    print("TypeError", e)
big = [(i * 7919) % 1000 for i in range(1000)]
big.sort()
print(big[:5], big[-5:], all(big[i] <= big[i + 1] for i in range(len(big) - 1)))

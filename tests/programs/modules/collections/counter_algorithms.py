# modules/collections: Counter/defaultdict/deque in algorithms (anagrams, sliding window, BFS)
from collections import Counter, defaultdict, deque
words = ["listen", "silent", "enlist", "google", "gooegl", "cat", "act", "tac", "dog"]
groups = defaultdict(list)
for w in words:
    groups["".join(sorted(w))].append(w)
print(sorted(sorted(g) for g in groups.values() if len(g) > 1))
print(Counter("listen") == Counter("silent"), Counter("aab") < Counter("aaab"), Counter("ab") <= Counter("ab"))
def longest_unique(s):
    seen = Counter()
    left = best = 0
    for right, ch in enumerate(s):
        seen[ch] += 1
        while seen[ch] > 1:
            seen[s[left]] -= 1
            left += 1
        best = max(best, right - left + 1)
    return best
print([longest_unique(s) for s in ["abcabcbb", "bbbbb", "pwwkew", ""]])
def knight_distance(start, goal, n=8):
    q = deque([(start, 0)])
    seen = {start}
    while q:
        (r, c), d = q.popleft()
        if (r, c) == goal:
            return d
        for dr, dc in ((1, 2), (2, 1), (-1, 2), (-2, 1), (1, -2), (2, -1), (-1, -2), (-2, -1)):
            nr, nc = r + dr, c + dc
            if 0 <= nr < n and 0 <= nc < n and (nr, nc) not in seen:
                seen.add((nr, nc))
                q.append(((nr, nc), d + 1))
print(knight_distance((0, 0), (7, 7)), knight_distance((0, 0), (0, 1)), knight_distance((3, 3), (3, 3)))
inventory = Counter(apples=3, pears=0, plums=5)
inventory["apples"] -= 5
print(sorted(inventory.items()), sorted((+inventory).items()), sorted((-inventory).items()))

# modules/collections: ChainMap lookups and layered scopes, deque as sliding window
from collections import ChainMap, deque
defaults = {"color": "red", "size": "M"}
user = {"size": "L"}
cm = ChainMap(user, defaults)
print(cm["color"], cm["size"], len(cm), sorted(cm.keys()), cm.get("nope", 0))
cm["new"] = 1
print(user, defaults)
child = cm.new_child({"color": "blue"})
print(child["color"], child.parents["color"], child.maps[0])
def max_sliding(nums, k):
    dq = deque()
    out = []
    for i, n in enumerate(nums):
        while dq and nums[dq[-1]] <= n:
            dq.pop()
        dq.append(i)
        if dq[0] <= i - k:
            dq.popleft()
        if i >= k - 1:
            out.append(nums[dq[0]])
    return out
print(max_sliding([1, 3, -1, -3, 5, 3, 6, 7], 3))

# lists: used as stack and queue; algorithm with nested lists
stack = []
for tok in "3 4 + 2 * 7 -".split():
    if tok.isdigit():
        stack.append(int(tok))
    else:
        b, a = stack.pop(), stack.pop()
        stack.append({"+": a + b, "-": a - b, "*": a * b}[tok])
print(stack)
q = [1]
seen = []
while q:
    n = q.pop(0)
    seen.append(n)
    if n < 20:
        q.extend([n * 2, n * 3])
print(seen)
def transpose(m):
    return [list(r) for r in zip(*m)]
print(transpose([[1, 2, 3], [4, 5, 6]]))
def flatten(x):
    out = []
    for e in x:
        if isinstance(e, list):
            out.extend(flatten(e))
        else:
            out.append(e)
    return out
print(flatten([1, [2, [3, [4]], 5], [[6]]]))
pascal = [[1]]
for _ in range(8):
    row = pascal[-1]
    pascal.append([1] + [row[i] + row[i + 1] for i in range(len(row) - 1)] + [1])
for r in pascal:
    print(r)

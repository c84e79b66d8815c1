# comprehensions: empty iterables, nested tuples unpacking in for clauses, comprehension over dict items
print([x for x in []], {x for x in ()}, {k: v for k, v in {}.items()}, list(x for x in ""))
pairs = [(1, ("a", True)), (2, ("b", False)), (3, ("c", True))]
print([n for n, (s, flag) in pairs if flag], {s: n for n, (s, _) in pairs})
d = {"x": 3, "y": 1, "z": 2}
print([k for k, v in sorted(d.items(), key=lambda kv: kv[1])], {v: k for k, v in d.items()})
print([i for i in range(10) if i % 2 if i % 3], [(i, j) for i in range(3) for j in range(3) if i + j == 2])
print([y for x in [[1, 2], [], [3]] for y in x], [[y * 2 for y in x] for x in [[1], [2, 3]]])
m = [[1, 2, 3], [4, 5, 6]]
print([list(col) for col in zip(*m)], [[row[j] for row in m] for j in range(len(m[0]))])
print(max([len(s) for s in ["a", "abc", "ab"]]), sorted({c for c in "mississippi"}))

# errors: failing assert with a message at top level
values = [1, 2, 3]
print(sum(values))
assert sum(values) == 7, f"expected 7, got {sum(values)}"

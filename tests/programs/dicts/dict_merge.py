# dicts: | and |= merge operators, ** unpacking merges, equality regardless of order
a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
print(a | b, b | a, {**a, **b}, {**b, "w": 0, **a})
c = dict(a)
c |= b
print(c)
c |= [("q", 9)]
print(c)
print({"a": 1, "b": 2} == {"b": 2, "a": 1}, {"a": 1} != {"a": 1.0}, {} == dict())
try:
    a | [("k", 1)]
except TypeError as e:
    print("TypeError", e)
def merge_deep(x, y):
    out = dict(x)
    for k, v in y.items():
        if k in out and isinstance(out[k], dict) and isinstance(v, dict):
            out[k] = merge_deep(out[k], v)
        else:
            out[k] = v
    return out
print(merge_deep({"a": {"b": 1, "c": 2}, "d": 1}, {"a": {"c": 3, "e": 4}, "f": 5}))

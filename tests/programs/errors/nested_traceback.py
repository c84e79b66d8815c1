# errors: uncaught exception raised three frames deep; stdout before it is preserved
def level_three(x):
    return {"a": 1}[x]
def level_two(x):
    return level_three(x) + 1
def level_one(x):
    print("calling level_two with", repr(x))
    return level_two(x)
print(level_one("a"))
print(level_one("missing"))

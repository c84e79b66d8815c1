# errors: uncaught TypeError from mixing int and str inside a function called from a comprehension
def add_one(x):
    return x + 1
print([add_one(v) for v in [1, 2]])
print([add_one(v) for v in [1, "2"]])

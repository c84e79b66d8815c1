# errors: SyntaxError for a missing colon; nothing runs, not even the first print
print("this must not be printed")
def f(x)
    return x

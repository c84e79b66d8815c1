# errors: IndentationError for an unexpected indent
print("this must not be printed")
x = 1
    y = 2
print(x + y)

# errors: SyntaxError for a parenthesis that is never closed
print("this must not be printed")
total = (1 + 2
print(total)

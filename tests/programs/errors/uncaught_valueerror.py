# errors: uncaught ValueError at top level -> traceback on stderr, exit code 1
print("before the error")
raise ValueError("bad value")
print("never printed")

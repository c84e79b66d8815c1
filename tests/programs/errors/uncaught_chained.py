# errors: uncaught exception raised from another (raise ... from ...); last line is the outer exception
def load(s):
    try:
        return int(s)
    except ValueError as e:
        raise RuntimeError(f"could not load {s!r}") from e
print(load("12"))
print(load("twelve"))

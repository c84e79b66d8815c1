# errors: infinite recursion raises RecursionError, which is caught and the program continues (exit 0)
def forever(n):
    return forever(n + 1) + 1
try:
    forever(0)
except RecursionError:
    print("recursion")
def also(n):
    return [also(n + 1)]
try:
    also(0)
except RecursionError as e:
    print("recursion again", type(e).__name__, isinstance(e, RuntimeError))
print("still alive")

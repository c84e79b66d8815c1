# exceptions: StopIteration value, next() default, iterator exhaustion in for loops
it = iter([1, 2])
print(next(it), next(it), next(it, None))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.args, e.value)
def g():
    yield 1
    return "retval"
gen = g()
next(gen)
try:
    next(gen)
except StopIteration as e:
    print("value:", e.value, e.args)
print(StopIteration(5).value, StopIteration().value)

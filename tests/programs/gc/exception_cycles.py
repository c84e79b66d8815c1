# gc: exceptions holding tracebacks that reference frames which reference the exception (cycles)
caught = 0
for i in range(20000):
    try:
        raise ValueError(i)
    except ValueError as e:
        err = e
        caught += err.args[0] % 2
    frame_holder = [err]
    frame_holder.append(frame_holder)
print(caught, type(err).__name__, err.args)
def f(n):
    try:
        1 / 0
    except ZeroDivisionError as e:
        return e
errs = 0
for i in range(20000):
    e = f(i)
    errs += e.__traceback__ is not None
print(errs)

# exceptions: exception objects in containers, raising classes vs instances, with_traceback not printed
errors = []
for f in [lambda: int("a"), lambda: [][0], lambda: {}[0], lambda: 1 / 0]:
    try:
        f()
    except Exception as e:
        errors.append(e)
print([type(e).__name__ for e in errors])
print([str(e) for e in errors])
try:
    raise IndexError
except IndexError as e:
    print(repr(e), e.args)
try:
    raise 5
except TypeError as e:
    print("TypeError", e)
class NotExc:
    pass
try:
    raise NotExc()
except TypeError as e:
    print("TypeError", e)
try:
    try:
        pass
    except NotExc:
        pass
    print("except clause with non-exception not evaluated when no error")
except TypeError as e:
    print("TypeError", e)
print(issubclass(type(errors[0]), Exception), errors[0].__traceback__ is not None)

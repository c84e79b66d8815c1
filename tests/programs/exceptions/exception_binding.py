# exceptions: 'as e' binding is deleted after except block, e.args, exception attributes
try:
    raise ValueError("x", 1, [2])
except ValueError as e:
    print(e.args, len(e.args), str(e), repr(e))
try:
    print(e)
except NameError as ne:
    print("NameError", ne)
e = "preserved?"
try:
    raise KeyError("k")
except KeyError as e:
    pass
print("e" in dir())
err = None
try:
    {}["q"]
except KeyError as ex:
    err = ex
print(repr(err), err.args, str(err))
print(str(KeyError("a b")), str(KeyError()), repr(KeyError()), str(KeyError(1, 2)), str(ValueError()), repr(ValueError("a")))
print(repr(Exception("a", "b")), str(Exception("single")), str(Exception(["l"])))
ex = ValueError("msg")
ex.extra = 5
print(ex.extra, ex.args)
try:
    raise ex
except ValueError as caught:
    print(caught is ex)
print(isinstance(ZeroDivisionError(), ArithmeticError), ZeroDivisionError.__bases__[0].__name__)

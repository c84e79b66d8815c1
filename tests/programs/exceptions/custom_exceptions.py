# exceptions: custom exception classes with args, extra attributes, __str__ override, hierarchy
class AppError(Exception):
    pass
class ValidationError(AppError):
    def __init__(self, field, msg):
        super().__init__(field, msg)
        self.field = field
        self.msg = msg
    def __str__(self):
        return f"{self.field}: {self.msg}"
class NotFound(AppError):
    def __init__(self, key):
        super().__init__(f"not found: {key}")
        self.key = key
for exc in [AppError(), AppError("simple"), AppError("a", 2), ValidationError("age", "must be positive"), NotFound("k1")]:
    try:
        raise exc
    except AppError as e:
        print(type(e).__name__, "|", str(e), "|", repr(e), "|", e.args)
try:
    raise ValidationError("name", "empty")
except ValidationError as e:
    print(e.field, e.msg, isinstance(e, AppError), isinstance(e, Exception), isinstance(e, BaseException))
print([c.__name__ for c in ValidationError.__mro__])
class WithDefault(Exception):
    def __init__(self, msg="default message"):
        super().__init__(msg)
try:
    raise WithDefault
except WithDefault as e:
    print("raised class:", e, e.args)
class NoSuper(Exception):
    def __init__(self, a, b):
        self.a = a
        self.b = b
try:
    raise NoSuper(1, 2)
except NoSuper as e:
    print(repr(str(e)), e.args, e.a + e.b)

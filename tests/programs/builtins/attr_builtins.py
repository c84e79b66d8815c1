# builtins: getattr, setattr, hasattr, delattr, vars, dir (sparingly), callable
class C:
    cls_attr = 1
    def method(self):
        return "m"
c = C()
setattr(c, "x", 5)
print(getattr(c, "x"), getattr(c, "cls_attr"), getattr(c, "nope", "dflt"), hasattr(c, "x"), hasattr(c, "nope"))
print(getattr(c, "method")(), vars(c))
delattr(c, "x")
print(hasattr(c, "x"), vars(c))
try:
    getattr(c, "nope")
except AttributeError as e:
    print("AttributeError", e)
try:
    delattr(c, "nope")
except AttributeError as e:
    print("AttributeError", e)
print("method" in dir(c), "cls_attr" in dir(C), "x" in dir(c))
print(callable(c), callable(C), callable(c.method), callable(len), callable("s"), callable(lambda: 0))
for name in ["a", "b", "c"]:
    setattr(c, name, name.upper())
print(sorted(vars(c).items()))
print(getattr(1, "real"), getattr("s", "upper")(), hasattr([], "append"))

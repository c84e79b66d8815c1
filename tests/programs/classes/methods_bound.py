# classes: bound/unbound methods, method objects, __self__, __func__, methods stored in containers
class Greeter:
    def __init__(self, name):
        self.name = name
    def greet(self, greeting="Hello"):
        return f"{greeting}, {self.name}"
g = Greeter("Ann")
m = g.greet
print(m(), m("Hi"), Greeter.greet(g, "Yo"), m.__self__ is g, m.__func__ is Greeter.greet, m.__name__)
handlers = [Greeter("a").greet, Greeter("b").greet]
print([h() for h in handlers])
print(g.greet == g.greet, g.greet is g.greet)
def external(self):
    return "ext " + self.name
Greeter.ext = external
print(g.ext())
g.instance_fn = lambda: "no self"
print(g.instance_fn())
print(list(map(Greeter.greet, [Greeter("x"), Greeter("y")])))
class Chain:
    def __init__(self):
        self.ops = []
    def add(self, v):
        self.ops.append(v)
        return self
print(Chain().add(1).add(2).add(3).ops)

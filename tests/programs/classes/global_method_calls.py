# Method calls on module globals with zero to several simple arguments (the
# free-threaded mode enters these with a borrowed `self`): results, argument
# errors, unbound locals, shadowing and rebinding behave as in CPython.


class Counter:
    def __init__(self):
        self.n = 0

    def bump(self):
        self.n += 1
        return self.n

    def add(self, a, b):
        self.n += a + b
        return self.n

    def three(self, a, b, c):
        return (self.n, a, b, c)

    def default(self, a, b=10):
        return a + b

    def varargs(self, *args):
        return len(args)

    def itself(self):
        return self


C = Counter()


def calls():
    x = 5
    out = [C.bump(), C.add(x, 2), C.three(x, "s", None), C.default(1), C.varargs(1, 2)]
    out.append(C.itself() is C)
    try:
        C.add(x)
    except TypeError as e:
        out.append(str(e))
    try:
        C.bump(x)
    except TypeError as e:
        out.append(str(e))
    try:
        C.add(x, later)
    except UnboundLocalError as e:
        out.append(str(e))
    later = 1
    C.bump = lambda: "instance attribute wins"
    out.append(C.bump())
    del C.bump
    out.append(C.bump())
    return out


print(calls())


def rebinding():
    global C
    out = []
    for i in range(3):
        out.append(C.add(i, i))
        C = Counter()
    return out


print(rebinding())


class Sub(Counter):
    def bump(self):
        return "sub " + str(super().bump())


C = Sub()
print(C.bump(), C.bump(), C.add(1, 1))

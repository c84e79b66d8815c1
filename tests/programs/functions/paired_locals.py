"""Local loads and stores the eval loop runs in pairs: unbound locals in
either half, loops that jump to the second half, loop variables, deletes."""


def second_unbound():
    a = 1
    try:
        print(a, b)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    b = 2
    return a + b


def first_unbound():
    try:
        print(a, 5)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    a = 1
    return a


def store_then_unbound():
    x = 1
    try:
        y = x
        del x
        z = y
        print(z, x)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)


def loops():
    x = 0
    total = 0
    while x < 5:
        total += x
        x += 1
    for i in range(3):
        for j in range(i):
            total += i * j
    for k in []:
        total += 1000
    try:
        print(k)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    for k, v in enumerate("ab"):
        total += k
    return total, k, v


def shadow(a, b):
    a, b = b, a
    c = a
    d = c + b
    return a, b, c, d


def gen_loop():
    def g():
        yield 1
        yield 2
    out = []
    for v in g():
        w = v
        out.append(w + v)
    return out


print(second_unbound())
print(first_unbound())
store_then_unbound()
print(loops())
print(shadow(1, 2))
print(gen_loop())

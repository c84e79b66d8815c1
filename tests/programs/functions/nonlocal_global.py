# functions: global and nonlocal declarations, shadowing, UnboundLocalError
g = 1
def read_g():
    return g
def write_g():
    global g
    g += 10
def shadow():
    g = "local"
    return g
print(read_g(), shadow(), g)
write_g()
print(g)
def create_global():
    global newglobal
    newglobal = "created"
create_global()
print(newglobal)
def outer():
    x = 1
    def mid():
        nonlocal x
        x += 1
        def inner():
            nonlocal x
            x *= 10
        inner()
    mid()
    return x
print(outer())
def bad():
    try:
        print(g)
        g = 5
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
bad()
counter = 0
def bump(n):
    global counter
    for _ in range(n):
        counter += 1
bump(5); bump(3)
print(counter)

# functions: closures capturing variables, late binding, counters
def make_adder(n):
    def add(x):
        return x + n
    return add
add5 = make_adder(5)
add10 = make_adder(10)
print(add5(1), add10(1), make_adder(-1)(0))
def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1, c2 = counter(), counter()
print(c1(), c1(), c1(), c2())
fns = [lambda: i for i in range(3)]
print([f() for f in fns])
fns2 = [lambda i=i: i for i in range(3)]
print([f() for f in fns2])
def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner
    return middle()()
print(outer())
def make_acc():
    total = []
    def acc(v):
        total.append(v)
        return sum(total)
    return acc
a = make_acc()
print(a(1), a(2), a(3))
def late():
    fs = []
    for i in range(3):
        def f():
            return i * 10
        fs.append(f)
    i = 100
    return [f() for f in fs]
print(late())
print(add5.__name__, add5.__qualname__, make_adder.__qualname__)

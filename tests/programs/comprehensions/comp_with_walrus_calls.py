# comprehensions: function calls inside comprehensions, walrus bindings, side effects order
calls = []
def f(x):
    calls.append(x)
    return x * 10
print([f(x) for x in range(3) if x != 1], calls)
data = [4, 9, 16, 25, 36]
print([r for v in data if (r := int(v ** 0.5)) % 2 == 0], r)
print([(x, y) for x in range(3) if x for y in range(x)])
order = []
res = [(order.append(("outer", a)), [order.append(("inner", b)) for b in range(2)]) for a in range(2)]
print(order)
print([x for x in [3, 1, 2] if x > 1][::-1])

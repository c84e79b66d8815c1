# unpacking: star in list/tuple/set displays and ** in dict displays
a = [1, 2]
b = (3, 4)
print([*a, *b], (*a, *b), (*a,), [*"hi", *range(2)], {*a, *b, 1})
print([0, *a, 5, *b, 9])
d1 = {"x": 1, "y": 2}
d2 = {"y": 20, "z": 30}
print({**d1, **d2}, {**d2, **d1}, {"w": 0, **d1, "x": 100})
print({**{}}, [*[]], {*()} == set())
gen = (i * i for i in range(4))
print([*gen, *gen])
print(*[1, 2], *(3,), sep=",")
print([*{"k1": 1, "k2": 2}], sorted({*"banana"}))

# basics: conditional expressions (ternary), nested
for n in range(-2, 4):
    s = "neg" if n < 0 else "zero" if n == 0 else "pos"
    print(n, s, "even" if n % 2 == 0 else "odd")
def sign(x):
    return -1 if x < 0 else (0 if x == 0 else 1)
print([sign(x) for x in (-5, 0, 5)])
x = [] if False else [1, 2]
print(x)
print((lambda a: "big" if a > 100 else "small")(1000))
y = 10
z = y * 2 if y > 5 else y / 2
print(z)
print("yes" if "" else "no", "yes" if "a" else "no")
calls = []
def t(v):
    calls.append(v)
    return v
r = t("A") if t(True) else t("B")
print(r, calls)

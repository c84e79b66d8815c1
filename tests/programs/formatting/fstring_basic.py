# formatting: f-string basics, expressions, conversions !r !s !a, = specifier
name = "World"
n = 42
pi = 3.14159265
print(f"Hello, {name}!")
print(f"{n} {n + 1} {n * 2} {name.upper()} {len(name)}")
print(f"{name!r} {name!s} {'é'!a} {[1, 'a']!r}")
print(f"{{literal braces}} {{{n}}}")
print(f"{n=} {pi=:.2f} {name = }")
d = {"k": "v"}
print(f"{d['k']} {d}")
print(f"{'nested ' + f'{n}'}")
print(f"{3 if n > 10 else 4}")
print(f"{n:>{n // 7}}|")
items = [1, 2, 3]
print(f"{sum(items)} {items[-1]} {','.join(map(str, items))}")
print(f"{None} {True} {1.5} {(1, 2)}")
class P:
    def __repr__(self):
        return "P()"
    def __str__(self):
        return "p-str"
    def __format__(self, spec):
        return "fmt[" + spec + "]"
p = P()
print(f"{p} {p!s} {p!r} {p:xyz}")

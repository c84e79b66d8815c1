"""Range, list and tuple iterators: values, exhaustion (an exhausted list
iterator stays exhausted), length hints, reversed ranges at the i64 edges."""
import operator
l = [1, 2, 3]
it = iter(l)
print(next(it), operator.length_hint(it), it.__length_hint__() if hasattr(it, "__length_hint__") else "-")
print(list(it), operator.length_hint(it))
l.append(4)
print(list(it))
it2 = iter(l); next(it2); l.append(5); print(list(it2))
r = iter(range(5, -7, -3)); print(next(r), operator.length_hint(r), list(r), list(r), operator.length_hint(r))
print(list(reversed(range(0, 10, 3))), operator.length_hint(reversed(range(10))))
t = iter((1, "a", None)); print(list(t), next(t, "end"))
print(type(iter([])).__name__, type(iter(())).__name__, type(iter(range(3))).__name__)
print(list(zip(range(3), [4, 5, 6], (7, 8, 9))))
print(sum(range(10**6)), list(range(-3)), list(iter(range(2**62, 2**62 + 3))))
big = range(-2**63, 2**63 - 1, 2**62)
print(list(big))
print(list(reversed(big)))
e = iter([]); print(next(e, "x"), next(e, "y"))
a = [1, 2]; ia = iter(a); a.clear(); print(list(ia)); a.extend([7, 8]); print(list(ia))
x = [0]
for v in x:
    if v < 5: x.append(v + 1)
print(x)
print([i for i in range(3) for j in range(i)])

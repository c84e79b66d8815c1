# basics: augmented assignment on names, attributes, subscripts and mutables
x = 10
x += 5; x -= 3; x *= 2; x //= 5; x %= 3; print(x)
s = "ab"
s += "cd"; s *= 2; print(s)
lst = [1, 2]
alias = lst
lst += [3]
print(lst, alias, lst is alias)
t = (1, 2)
t2 = t
t += (3,)
print(t, t2, t is t2)
d = {"a": 1}
d["a"] += 10
d["b"] = d.get("b", 0) + 1
print(d)
class C:
    pass
c = C()
c.n = 1
c.n += 41
print(c.n)
m = [[0, 0], [0, 0]]
m[1][0] += 7
m[0][1] -= 2
print(m)
f = 1.5
f *= 4; f /= 3; f **= 2; print(f)
b = 0b1
b <<= 3; b |= 1; b ^= 0b11; b &= 0b1110; b >>= 1; print(b)
counter = {}
for ch in "mississippi":
    counter[ch] = counter.get(ch, 0) + 1
print(sorted(counter.items()))

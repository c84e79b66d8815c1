# lists: repr of nested/self-referencing lists, list() of iterables
a = [1, "two", 3.0, None, True, [4, (5,)], {"k": [6]}]
print(a, str(a), repr(a))
b = [1, 2]
b.append(b)
print(b)
c = []
c.append([c])
print(c)
print(list(map(str, [1, 2])), list(x for x in range(3)), list(enumerate("ab")), list(zip("ab", [1, 2])))
print(list(reversed([1, 2, 3])), list([1, 2]) is not [1, 2])

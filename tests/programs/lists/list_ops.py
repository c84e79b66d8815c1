# lists: concatenation, repetition, membership, equality, nested aliasing
a = [1, 2]
b = a + [3]
print(a, b, a * 3, [0] * 5, [] * 10)
grid = [[0] * 3 for _ in range(3)]
grid[0][0] = 1
print(grid)
alias = [[0] * 3] * 3
alias[0][0] = 1
print(alias)
print(2 in a, 5 not in a, [1, 2] == [1, 2], [1, 2] != [2, 1], [1, [2, 3]] == [1, [2, 3]])
print(len([1, [2, 3], []]), list(range(5)), list("ab"), list((1, 2)), list({3: 4}))
x = [1, 2, 3]
y = x
y += [4]
print(x)
y = y + [5]
print(x, y)
print([1, 2, 3] < [1, 2, 4], [2] > [1, 100], [] < [0])
print(sum([[1], [2, 3]], []))
lst = list(range(10))
del lst[0]
del lst[-1]
del lst[2:4]
print(lst)
print(max([3, 8, 2]), min([[3], [1, 5]]), [1, 2, 3][-1])
m = [1, 2, 3]
m[1] = "two"
m[-1] = [3]
print(m)
try:
    m[10] = 1
except IndexError as e:
    print("IndexError", e)

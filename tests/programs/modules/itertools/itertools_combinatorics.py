# modules/itertools: product, permutations, combinations, combinations_with_replacement
from itertools import product, permutations, combinations, combinations_with_replacement
print(list(product("AB", "xy")), list(product([0, 1], repeat=3)), list(product()), list(product("ab", [])))
print(len(list(product(range(3), repeat=4))), list(product("ab", repeat=2)))
print(list(permutations("ABC")), list(permutations(range(4), 2)), list(permutations([])), list(permutations("AB", 3)))
print(list(combinations("ABCD", 2)), list(combinations(range(5), 3)), list(combinations("AB", 0)), list(combinations("AB", 3)))
print(list(combinations_with_replacement("ABC", 2)), len(list(combinations_with_replacement(range(5), 3))))
print(sum(1 for p in permutations(range(6)) if all(p[i] != i for i in range(6))))
coins = [1, 5, 10, 25]
ways = sum(1 for combo in combinations_with_replacement(coins, 4) if sum(combo) == 40)
print(ways, [c for c in combinations_with_replacement(coins, 3) if sum(c) == 31])

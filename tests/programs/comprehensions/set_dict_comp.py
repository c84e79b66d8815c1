# comprehensions: set and dict comprehensions with conditions and nesting
print({x % 4 for x in range(20)})
print({x: x ** 3 for x in range(5) if x != 2})
words = ["apple", "bat", "cat", "apple", "dog", "bat"]
print({w: words.count(w) for w in words})
print(sorted({w[0] for w in words}))
print({k: v for k, v in zip("abc", [1, 2, 3])})
print({(a, b): a * b for a in range(3) for b in range(3) if a <= b})
print({n: [d for d in range(1, n + 1) if n % d == 0] for n in range(1, 13)})
print({v: k for k, v in {"x": 1, "y": 2, "z": 1}.items()})
print({i: {j for j in range(i)} for i in range(4)})

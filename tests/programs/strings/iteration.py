# strings: iterating, enumerate, reversed, sorted, counting chars
text = "programming"
for i, ch in enumerate(text):
    if ch in "aeiou":
        print(i, ch)
print(list(reversed(text)), "".join(reversed(text)))
counts = {}
for ch in text:
    counts[ch] = counts.get(ch, 0) + 1
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
print("".join(sorted(set(text))))
it = iter("ab")
print(next(it), next(it), next(it, "done"))
print([c * 2 for c in "xyz"], any(c.isupper() for c in "abC"), all(c.islower() for c in "abC"))

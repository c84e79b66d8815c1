# sets: sets of strings printed only via sorted() (iteration order is randomised)
words = "the quick brown fox jumps over the lazy dog the end".split()
uniq = set(words)
print(len(words), len(uniq), sorted(uniq))
vowels = set("aeiou")
print(sorted(vowels & set("quick brown fox")), sorted(set("hello") - vowels))
a = {"x", "y", "z"}
b = {"y", "z", "w"}
print(sorted(a | b), sorted(a & b), sorted(a ^ b), "x" in a)
print(sorted({w[0] for w in words}))
seen = set()
dups = []
for w in words:
    if w in seen:
        dups.append(w)
    seen.add(w)
print(dups)

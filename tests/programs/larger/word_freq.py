# larger: word frequency counter over an embedded text with normalisation, bigrams and a histogram
TEXT = """
It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of
incredulity, it was the season of Light, it was the season of Darkness, it was
the spring of hope, it was the winter of despair, we had everything before us,
we had nothing before us, we were all going direct to Heaven, we were all going
direct the other way - in short, the period was so far like the present period,
that some of its noisiest authorities insisted on its being received, for good
or for evil, in the superlative degree of comparison only.
"""
STOP = {"the", "of", "it", "was", "we", "to", "in", "or", "for", "on", "so", "that", "its", "all", "had"}

def words(text):
    cur = []
    for ch in text.lower():
        if ch.isalpha() or ch == "'":
            cur.append(ch)
        elif cur:
            yield "".join(cur)
            cur = []
    if cur:
        yield "".join(cur)

all_words = list(words(TEXT))
print("total words", len(all_words), "unique", len(set(all_words)))
freq = {}
for w in all_words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))
print("top 10", top[:10])
content = [(w, n) for w, n in top if w not in STOP]
print("top content", content[:8])
bigrams = {}
for a, b in zip(all_words, all_words[1:]):
    bigrams[(a, b)] = bigrams.get((a, b), 0) + 1
print("top bigrams", sorted(bigrams.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
lengths = {}
for w in all_words:
    lengths[len(w)] = lengths.get(len(w), 0) + 1
for L in sorted(lengths):
    print(f"{L:2d} {'*' * lengths[L]} {lengths[L]}")
longest = max(all_words, key=lambda w: (len(w), w))
print("longest", longest, "avg len", round(sum(map(len, all_words)) / len(all_words), 3))
first_seen = {}
for i, w in enumerate(all_words):
    first_seen.setdefault(w, i)
print("first appearances", [w for w, _ in sorted(first_seen.items(), key=lambda kv: kv[1])][:12])
letters = {}
for ch in TEXT.lower():
    if ch.isalpha():
        letters[ch] = letters.get(ch, 0) + 1
print("letters", "".join(sorted(letters, key=lambda c: (-letters[c], c))))
lines = [l for l in TEXT.strip().splitlines()]
print("line lengths", [len(l) for l in lines])
def wrap(ws, width):
    out, line = [], ""
    for w in ws:
        if line and len(line) + 1 + len(w) > width:
            out.append(line)
            line = w
        else:
            line = w if not line else line + " " + w
    if line:
        out.append(line)
    return out
for l in wrap(all_words[:40], 30):
    print("|" + l.ljust(30) + "|")

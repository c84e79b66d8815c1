# strings: indexing and slicing incl. negative indices and steps
s = "abcdefghij"
print(s[0], s[-1], s[3], s[-3])
print(s[2:5], s[:3], s[7:], s[-3:], s[:-3], s[::2], s[1::2], s[::-1], s[-2:-8:-2], s[8:2:-3])
print(repr(s[5:2]), repr(s[100:]), s[-100:3], s[3:100])
print(s[slice(1, 9, 3)], s[slice(None, None, -4)])
try:
    s[10]
except IndexError as e:
    print("IndexError", e)
try:
    s[0] = "z"
except TypeError as e:
    print("TypeError", e)
def is_pal(w):
    w = "".join(c.lower() for c in w if c.isalnum())
    return w == w[::-1]
print(is_pal("A man, a plan, a canal: Panama"), is_pal("hello"))
print(len(s), len(""), len(s[::3]))

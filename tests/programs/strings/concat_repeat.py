# strings: concatenation, repetition, comparison, immutability, building
a = "foo"
b = "bar"
print(a + b, a * 3, 3 * b, a * 0, repr(a * -2), "-" * 20)
parts = []
for i in range(5):
    parts.append(str(i) * i)
print(parts, "".join(parts))
s = ""
for ch in "abc":
    s = ch + s + ch
print(s)
print("abc" == "abc", "abc" != "abd", "a" < "b" < "c", sorted(["pear", "Apple", "banana", "apple"]))
print("ab" "cd" 'ef')
t = ("implicit "
     "concatenation")
print(t)
try:
    "a" + 1
except TypeError as e:
    print("TypeError", e)
try:
    "a" * 1.5
except TypeError as e:
    print("TypeError", e)
print(min("hello"), max("hello"), sorted("hello"), list("hi"), tuple("hi"))

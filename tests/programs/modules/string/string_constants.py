# modules/string: ascii_letters, ascii_lowercase, ascii_uppercase, digits, hexdigits, octdigits, punctuation, whitespace, printable, capwords
import string
print(string.ascii_letters)
print(string.ascii_lowercase, string.ascii_uppercase)
print(string.digits, string.hexdigits, string.octdigits)
print(string.punctuation)
print(repr(string.whitespace), len(string.printable))
print(string.capwords("hello   wide world"), string.capwords("a-b c", "-"))
password = "Abc123!?"
print(any(c in string.punctuation for c in password), sum(c in string.digits for c in password))
table = {c: i for i, c in enumerate(string.ascii_lowercase)}
print(table["z"], [string.ascii_uppercase[(table[c] + 1) % 26] for c in "hal"])

# strings: upper, lower, title, capitalize, casefold, swapcase and predicates
words = ["hello", "HELLO", "Hello World", "hello-world it's", "123abc", "", "ÉCOLE"]
for w in words:
    print(repr(w), w.upper(), w.lower(), w.title(), w.capitalize(), w.swapcase(), w.casefold())
tests = ["abc", "ABC", "Abc", "123", "12.3", "abc123", " ", "", "\t\n", "Title Case", "a b", "²", "٣"]
for t in tests:
    print(repr(t), t.isalpha(), t.isdigit(), t.isalnum(), t.isspace(), t.isupper(), t.islower(), t.istitle(), t.isdecimal(), t.isnumeric())
print("abc_1".isidentifier(), "1abc".isidentifier(), "héllo".isascii(), "hello".isascii(), "ab\x01".isprintable())

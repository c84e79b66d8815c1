# strings: repr and str of strings with quotes and special characters
samples = ["plain", "it's", 'say "hi"', "both ' and \"", "", "new\nline", "tab\t", "back\\slash", "\x00\x1f", "é☃", "\x85"]
for s in samples:
    print(repr(s), str(s) == s, len(repr(s)))
print([["a'b"], ('"',)])
print({"k'": "v\""})
print(str(["x"]), str(("y",)), repr(repr("z")))

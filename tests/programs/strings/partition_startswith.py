# strings: partition, rpartition, startswith, endswith with tuples and ranges
print("key=value=x".partition("="), "key=value=x".rpartition("="), "novalue".partition("="), "novalue".rpartition("="))
url = "https://example.com/path/file.txt"
print(url.startswith("https"), url.startswith(("http:", "https:")), url.endswith(".txt"), url.endswith((".py", ".md")))
print(url.startswith("example", 8), url.endswith("path", 0, 24), "".startswith(""), "abc".endswith(""))
scheme, _, rest = url.partition("://")
host, _, path = rest.partition("/")
print(scheme, host, path)
try:
    "a".partition("")
except ValueError as e:
    print("ValueError", e)

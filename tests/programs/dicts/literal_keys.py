# Dict displays: duplicate keys (later value wins, first key stays), mixed
# int/str keys, bool and float keys equal to ints, big ints, unhashable keys.
print({1: "a", 1: "b"}, {"x": 1, "y": 2, "x": 3}, {1: "a", "1": "b", -1: "c"})
print({1: "a", True: "b"}, {1: "a", 1.0: "b"}, {True: "t", 1: "one"}, {2**70: 1, 2**70: 2})
print({"k%d" % i: i for i in range(3)}, dict(a=1, b=2), {**{"a": 1}, "a": 2})
d = {i: i * i for i in range(20)}
e = {0: 0, 1: 1, 2: 4, 3: 9, 4: 16, 5: 25, 6: 36, 7: 49, 8: 64, 9: 81, 10: 100}
print(len(d), list(e.items())[:3], e[10], sorted(e) == list(range(11)))
try:
    {[1]: 2}
except TypeError as ex:
    print("TypeError", ex)
big = {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": 8, "i": 9}
big["j"] = 10
del big["a"]
print(big, list(big)[-1], big.get("c"), "a" in big)

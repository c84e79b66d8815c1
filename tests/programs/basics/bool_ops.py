# basics: boolean operators, truthiness, short circuit returning operands
print(True and False, True or False, not True, not 0, not "")
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, "" or "x", [] or {} or 0)
print(None or "default", "a" and "b" and "c", "a" and "" and "c")
vals = [0, 1, -1, 0.0, 0.5, "", "0", [], [0], (), (0,), {}, {0: 0}, set(), None, True, False]
print([bool(v) for v in vals])
calls = []
def f(x):
    calls.append(x)
    return x
r = f(0) and f(1)
print(r, calls)
calls.clear()
r = f(1) or f(2)
print(r, calls)
calls.clear()
r = f(0) or f("") or f(None)
print(r, calls)
print(True == 1, False == 0, True is True, isinstance(True, int), True + 0.5)
print(int(True), str(False), repr(True), bool("False"))
x = 5
print(not x > 3, not (x > 3 and x < 10), (not x) == False)
print(type(not 1).__name__)

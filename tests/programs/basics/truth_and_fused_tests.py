# Truth values the eval loop decides inline (bools, None, small ints) or
# through the protocol (Ellipsis, containers, __bool__/__len__), and `is` /
# `in` tests followed by a conditional jump (fused into one dispatch).
class B:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        return self.v


class L:
    def __len__(self):
        return 0


values = [None, True, False, 0, 1, -1, 2**70, 0.0, -0.5, "", "a", (), (0,), [], [0],
          {}, {0: 0}, set(), ..., B(True), B(False), L(), range(0), range(2)]
for v in values:
    if v:
        r = "true"
    else:
        r = "false"
    print(type(v).__name__, r, "not" if not v else "", bool(v))

x = None
for y in [None, 0, "s", x]:
    if y is None:
        print("is None")
    if y is not None:
        print("is not None", y)
    if y in (0, "s"):
        print("in", y)
    if y not in [0]:
        print("not in", y)
print([i for i in range(10) if i in {2, 3} or i == 5])
flag = x is None
print(flag, x is not None, 3 in [1, 2], 3 not in [1, 2])

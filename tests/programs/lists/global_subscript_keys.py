# Subscripts of module globals with computed keys (`G[i % n]`, `G[j * w + k]`):
# every key shape, error and rebinding behaves as in CPython.

TABLE = list(range(10, 20))
GRID = tuple(range(100))
SQUARES = {i: i * i for i in range(-5, 30)}
NAMES = {"a": 1, "b": 2}
BIG = 2 ** 70


class MyList(list):
    def __getitem__(self, i):
        return ("sub", i)


SUB = MyList([1, 2, 3])


def reads():
    out = []
    for i in range(12):
        out.append(TABLE[i % 10])
        out.append(TABLE[i % 10 - 10])
        out.append(GRID[(i * 10 + i) % 100])
        out.append(SQUARES[i - 5])
        out.append(SQUARES[(i + 3) // 2])
        out.append(SQUARES[i & 7 | 8])
    return out


print(reads())


def errors():
    n = 0
    i = 10
    for key in ("i + 1", "i % n", "-i - 1", "i * BIG"):
        try:
            if key == "i + 1":
                print(TABLE[i + 1])
            elif key == "i % n":
                print(TABLE[i % n])
            elif key == "-i - 1":
                print(TABLE[-i - 1])
            else:
                print(SQUARES[i * BIG])
        except Exception as e:
            print(key, type(e).__name__, e)
    try:
        print(SQUARES[i * 3])
    except KeyError as e:
        print("KeyError", e)
    try:
        print(TABLE[unbound + 1])
        unbound = 0
    except UnboundLocalError as e:
        print("UnboundLocalError", e)


errors()


def subclass_and_rebinding():
    global TABLE
    out = []
    for i in range(4):
        out.append(SUB[i % 3])
        out.append(TABLE[i % 2])
        TABLE = [i * 100, i * 100 + 1]
    print(out)
    TABLE = "text"
    print(TABLE[1 + 1], NAMES["a"], GRID[3 - 1])
    TABLE = {0: "zero", 1: "one"}
    print([TABLE[i % 2] for i in range(3)])


subclass_and_rebinding()


def float_and_bool_keys():
    x = 1.5
    try:
        print(GRID[x * 2])
    except TypeError as e:
        print("TypeError", e)
    b = True
    print(GRID[b + 1], SQUARES[b * 3])


float_and_bool_keys()

# Reads of module globals consumed at once by an attribute load or a
# subscript with a local or constant key (the free-threaded mode answers
# these without counting a reference to the global when it can): every edge
# must still behave as Python says.
TABLE = {1: "one", "k": "kay", 2.0: "two", (1, 2): "pair"}
DATA = [10, 20, 30]
TUP = (7, 8, 9)
BIG = 10 ** 30


class Config:
    scale = 3
    name = "cfg"

    def __init__(self):
        self.limit = 5

    @property
    def doubled(self):
        return self.limit * 2

    def method(self):
        return "m"


class Missing(dict):
    def __missing__(self, key):
        return "missing %r" % (key,)


CONFIG = Config()
SUB = Missing(a=1)


class Shadow:
    attr = "class"


SHADOW = Shadow()
SHADOW.attr = "instance"


def reads():
    k = 1
    print(TABLE[k], TABLE["k"], TABLE[2], TABLE[(1, 2)])
    i = -1
    print(DATA[i], DATA[0], TUP[i], TUP[1])
    print(CONFIG.scale, CONFIG.limit, CONFIG.name, CONFIG.doubled, CONFIG.method())
    print(SHADOW.attr, SUB["a"], SUB["zz"])
    j = 5
    try:
        DATA[j]
    except IndexError as e:
        print("IndexError", e)
    try:
        TUP[-5]
    except IndexError as e:
        print("IndexError", e)
    missing = "nope"
    try:
        TABLE[missing]
    except KeyError as e:
        print("KeyError", e)
    try:
        CONFIG.absent
    except AttributeError as e:
        print("AttributeError", e)
    big = BIG
    print(TABLE.get(big), BIG.bit_length())
    try:
        print(DATA[unbound])
    except NameError as e:
        print("NameError", e)


reads()
CONFIG.scale = 4
Config.scale = 6
print(CONFIG.scale, Config.scale)
DATA = "rebound"
reads.__globals__["TABLE"] = {1: "new"}


def again():
    k = 1
    print(DATA[0], TABLE[k])


again()

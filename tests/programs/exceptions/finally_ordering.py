# exceptions: ordering of finally blocks during propagation across frames
def level3():
    try:
        print("level3 start")
        raise RuntimeError("deep")
    finally:
        print("level3 finally")
def level2():
    try:
        level3()
    finally:
        print("level2 finally")
def level1():
    try:
        level2()
    except RuntimeError as e:
        print("level1 caught", e)
    finally:
        print("level1 finally")
level1()
def exc_in_finally():
    try:
        raise ValueError("first")
    finally:
        raise KeyError("from finally")
try:
    exc_in_finally()
except Exception as e:
    print(type(e).__name__, e, type(e.__context__).__name__)
def exc_in_except():
    try:
        raise ValueError("v")
    except ValueError:
        print("handling")
        raise TypeError("t")
    finally:
        print("finally still runs")
try:
    exc_in_except()
except TypeError as e:
    print("caught", e)
for i in range(3):
    try:
        if i == 1:
            raise StopIteration
    except StopIteration:
        print("stop at", i)
    else:
        print("else", i)
    finally:
        print("finally", i)

# control: try/except/else/finally with break/continue/return in various paths
def f1():
    try:
        return "try"
    finally:
        print("finally f1")
print(f1())
def f2():
    try:
        return "try"
    finally:
        return "finally wins"
print(f2())
def f3():
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            print("body", i)
        finally:
            print("finally", i)
    return "done"
print(f3())
def f4(x):
    try:
        r = 10 / x
    except ZeroDivisionError:
        print("except")
        return "err"
    else:
        print("else")
        return r
    finally:
        print("finally f4")
print(f4(2))
print(f4(0))
def f5():
    x = 0
    while True:
        try:
            x += 1
            if x == 3:
                return x
        finally:
            print("loop finally", x)
print(f5())
def f6():
    try:
        raise ValueError("inner")
    except ValueError:
        try:
            raise KeyError("k")
        except KeyError as e:
            print("nested caught", e)
        return "f6"
    finally:
        print("f6 finally")
print(f6())
def f7():
    for i in range(3):
        try:
            try:
                if i == 1:
                    raise RuntimeError(i)
            finally:
                print("inner finally", i)
        except RuntimeError as e:
            print("caught", e)
            continue
        print("after", i)
f7()
def f8():
    try:
        try:
            return 1
        finally:
            print("inner")
    finally:
        print("outer")
print(f8())
def f9():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
print(f9())

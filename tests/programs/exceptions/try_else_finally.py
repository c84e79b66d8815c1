# exceptions: else clause only on success, finally always, multiple except arms
def attempt(x):
    out = []
    try:
        out.append("try")
        v = 10 // x
    except ZeroDivisionError:
        out.append("zero")
    except TypeError as e:
        out.append("type")
    else:
        out.append(f"else {v}")
    finally:
        out.append("finally")
    return out
for x in [2, 0, "s"]:
    print(attempt(x))
def catch_all(fn):
    try:
        fn()
    except:
        return "bare except caught"
    return "no error"
print(catch_all(lambda: 1 / 0), catch_all(lambda: 1))
try:
    try:
        raise ValueError
    finally:
        print("inner finally before outer except")
except ValueError:
    print("outer except")

# functions: the mutable default argument pitfall and defaults evaluated once
def append_to(x, target=[]):
    target.append(x)
    return target
print(append_to(1), append_to(2), append_to(3, []), append_to(4))
print(append_to.__defaults__)
def cnt(d={}):
    d["n"] = d.get("n", 0) + 1
    return d["n"]
print(cnt(), cnt(), cnt({}), cnt())
val = 10
def capture(v=val):
    return v
val = 20
print(capture())

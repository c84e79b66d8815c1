# control: with statement flow - return/break/continue/exception inside with blocks and nested withs
class Res:
    def __init__(self, name, log):
        self.name = name
        self.log = log
    def __enter__(self):
        self.log.append("enter " + self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        self.log.append("exit " + self.name + (" with " + et.__name__ if et else ""))
        return et is KeyError
log = []
def f():
    with Res("a", log) as v:
        return v + "!"
print(f(), log)
log.clear()
for i in range(4):
    with Res(str(i), log):
        if i == 1:
            continue
        if i == 3:
            break
        log.append("body " + str(i))
print(log)
log.clear()
with Res("outer", log), Res("inner", log) as inner:
    log.append("using " + inner)
    raise KeyError("x")
print(log)
log.clear()
try:
    with Res("v", log):
        raise ValueError("not suppressed")
except ValueError as e:
    log.append("caught " + str(e))
print(log)

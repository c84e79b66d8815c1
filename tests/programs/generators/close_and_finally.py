# generators: close(), GeneratorExit, finally blocks, generator state after close
def res():
    print("acquire")
    try:
        yield 1
        yield 2
        yield 3
    except GeneratorExit:
        print("GeneratorExit received")
        raise
    finally:
        print("release")
g = res()
print(next(g))
g.close()
print(next(g, "closed"))
g.close()
g2 = res()
print(list(g2))
def ignore_exit():
    try:
        yield 1
    except GeneratorExit:
        yield "bad"
g3 = ignore_exit()
next(g3)
try:
    g3.close()
except RuntimeError as e:
    print("RuntimeError", e)
try:
    next(g3)
except StopIteration:
    print("g3 exhausted after failed close")
def never_started():
    print("body")
    yield 1
g4 = never_started()
g4.close()
print("closed unstarted without running body")
def early_break():
    try:
        for i in range(10):
            yield i
    finally:
        print("cleanup at", i)
gen = early_break()
for v in gen:
    if v == 2:
        break
print("broke out at", v)
gen.close()
print("after explicit close")
gen.close()
print(list(gen))

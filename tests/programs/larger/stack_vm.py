# larger: a tiny stack-based VM with an assembler, labels, calls and a disassembler
class VMError(Exception):
    pass

OPS = {"push": 1, "pop": 0, "add": 0, "sub": 0, "mul": 0, "div": 0, "mod": 0, "dup": 0, "swap": 0,
       "over": 0, "jmp": 1, "jz": 1, "jnz": 1, "lt": 0, "eq": 0, "load": 1, "store": 1,
       "print": 0, "call": 1, "ret": 0, "halt": 0}

def assemble(src):
    code = []
    labels = {}
    pending = []
    for lineno, raw in enumerate(src.strip().splitlines(), 1):
        line = raw.split(";")[0].strip()
        if not line:
            continue
        if line.endswith(":"):
            labels[line[:-1]] = len(code)
            continue
        parts = line.split()
        op = parts[0]
        if op not in OPS:
            raise VMError(f"line {lineno}: unknown op {op}")
        if len(parts) - 1 != OPS[op]:
            raise VMError(f"line {lineno}: {op} takes {OPS[op]} operand(s)")
        if OPS[op]:
            arg = parts[1]
            if arg.lstrip("-").isdigit():
                code.append((op, int(arg)))
            else:
                pending.append((len(code), arg, lineno))
                code.append((op, None))
        else:
            code.append((op, None))
    for idx, name, lineno in pending:
        op = code[idx][0]
        if op in ("load", "store"):
            code[idx] = (op, name)
        elif name in labels:
            code[idx] = (op, labels[name])
        else:
            raise VMError(f"line {lineno}: undefined label {name}")
    return code

def run(code, max_steps=100000):
    stack, calls, mem, out = [], [], {}, []
    pc = steps = 0
    def pop():
        if not stack:
            raise VMError(f"stack underflow at pc={pc}")
        return stack.pop()
    while pc < len(code):
        steps += 1
        if steps > max_steps:
            raise VMError("step limit exceeded")
        op, arg = code[pc]
        pc += 1
        if op == "push": stack.append(arg)
        elif op == "pop": pop()
        elif op in ("add", "sub", "mul", "div", "mod", "lt", "eq"):
            b, a = pop(), pop()
            if op in ("div", "mod") and b == 0:
                raise VMError("division by zero")
            stack.append({"add": lambda: a + b, "sub": lambda: a - b, "mul": lambda: a * b,
                          "div": lambda: a // b, "mod": lambda: a % b, "lt": lambda: int(a < b),
                          "eq": lambda: int(a == b)}[op]())
        elif op == "dup": v = pop(); stack += [v, v]
        elif op == "swap": b, a = pop(), pop(); stack += [b, a]
        elif op == "over": stack.append(stack[-2])
        elif op == "jmp": pc = arg
        elif op == "jz":
            if pop() == 0: pc = arg
        elif op == "jnz":
            if pop() != 0: pc = arg
        elif op == "load": stack.append(mem.get(arg, 0))
        elif op == "store": mem[arg] = pop()
        elif op == "print": out.append(pop())
        elif op == "call": calls.append(pc); pc = arg
        elif op == "ret": pc = calls.pop()
        elif op == "halt": break
    return out, steps, stack

FACT = """
    push 1
    store acc
    push 20
    store n
loop:
    load n
    jz done
    load acc
    load n
    mul
    store acc
    load n
    push 1
    sub
    store n
    jmp loop
done:
    load acc
    print
    halt
"""
PRIMES = """
    push 2
    store i
outer:
    load i
    push 60
    lt
    jz end
    push 2
    store d
inner:
    load d
    load d
    mul
    load i
    swap
    lt          ; i < d*d  -> prime
    jnz isprime
    load i
    load d
    mod
    jz next
    load d
    push 1
    add
    store d
    jmp inner
isprime:
    load i
    print
next:
    load i
    push 1
    add
    store i
    jmp outer
end:
    halt
"""
FIBCALL = """
    push 0
    store a
    push 1
    store b
    push 15
    store k
again:
    load k
    jz fin
    call step
    load k
    push 1
    sub
    store k
    jmp again
fin:
    halt
step:
    load a
    print
    load a
    load b
    add
    load b
    store a
    store b
    ret
"""
for name, src in [("fact", FACT), ("primes", PRIMES), ("fib", FIBCALL)]:
    code = assemble(src)
    out, steps, stack = run(code)
    print(name, len(code), "instructions,", steps, "steps ->", out, "stack", stack)
code = assemble(FACT)
for i, (op, arg) in enumerate(code[:6]):
    print(f"{i:03d} {op:<6} {'' if arg is None else arg}")
for bad in ["push", "frob 1", "jmp nowhere", "pop\npop"]:
    try:
        print(run(assemble(bad)))
    except VMError as e:
        print("VMError", e)
try:
    run(assemble("top:\n jmp top"))
except VMError as e:
    print("VMError", e)
try:
    run(assemble("push 1\npush 0\ndiv"))
except VMError as e:
    print("VMError", e)

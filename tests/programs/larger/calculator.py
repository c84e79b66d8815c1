# larger: tokenizer + recursive-descent parser + evaluator for arithmetic with variables and functions
import math

class Token:
    def __init__(self, kind, value, pos):
        self.kind = kind
        self.value = value
        self.pos = pos
    def __repr__(self):
        return f"Token({self.kind}, {self.value!r})"

class CalcError(Exception):
    pass

def tokenize(src):
    tokens = []
    i = 0
    while i < len(src):
        c = src[i]
        if c.isspace():
            i += 1
        elif c.isdigit() or c == ".":
            j = i
            while j < len(src) and (src[j].isdigit() or src[j] == "."):
                j += 1
            text = src[i:j]
            tokens.append(Token("num", float(text) if "." in text else int(text), i))
            i = j
        elif c.isalpha() or c == "_":
            j = i
            while j < len(src) and (src[j].isalnum() or src[j] == "_"):
                j += 1
            tokens.append(Token("name", src[i:j], i))
            i = j
        elif c in "+-*/%^(),=":
            tokens.append(Token("op", c, i))
            i += 1
        else:
            raise CalcError(f"unexpected character {c!r} at {i}")
    tokens.append(Token("eof", None, len(src)))
    return tokens

FUNCS = {"sqrt": math.sqrt, "abs": abs, "max": max, "min": min, "floor": math.floor}

class Parser:
    def __init__(self, tokens, env):
        self.toks = tokens
        self.i = 0
        self.env = env
    def peek(self):
        return self.toks[self.i]
    def take(self, kind=None, value=None):
        t = self.toks[self.i]
        if kind and t.kind != kind or value and t.value != value:
            raise CalcError(f"expected {value or kind} at {t.pos}, got {t.value!r}")
        self.i += 1
        return t
    def statement(self):
        if self.peek().kind == "name" and self.toks[self.i + 1].value == "=":
            name = self.take("name").value
            self.take("op", "=")
            v = self.expr()
            self.env[name] = v
            self.take("eof")
            return v
        v = self.expr()
        self.take("eof")
        return v
    def expr(self):
        v = self.term()
        while self.peek().value in ("+", "-"):
            op = self.take().value
            r = self.term()
            v = v + r if op == "+" else v - r
        return v
    def term(self):
        v = self.factor()
        while self.peek().value in ("*", "/", "%"):
            op = self.take().value
            r = self.factor()
            if op == "*":
                v = v * r
            elif r == 0:
                raise CalcError("division by zero")
            elif op == "/":
                v = v / r
            else:
                v = v % r
        return v
    def factor(self):
        if self.peek().value == "-":
            self.take()
            return -self.factor()
        if self.peek().value == "+":
            self.take()
            return self.factor()
        base = self.atom()
        if self.peek().value == "^":
            self.take()
            return base ** self.factor()
        return base
    def atom(self):
        t = self.peek()
        if t.kind == "num":
            return self.take().value
        if t.kind == "name":
            name = self.take().value
            if self.peek().value == "(":
                self.take()
                args = [self.expr()]
                while self.peek().value == ",":
                    self.take()
                    args.append(self.expr())
                self.take("op", ")")
                if name not in FUNCS:
                    raise CalcError(f"unknown function {name}")
                return FUNCS[name](*args)
            if name not in self.env:
                raise CalcError(f"undefined variable {name}")
            return self.env[name]
        if t.value == "(":
            self.take()
            v = self.expr()
            self.take("op", ")")
            return v
        raise CalcError(f"unexpected token {t.value!r} at {t.pos}")

def run(lines):
    env = {"pi": 3.141592653589793}
    for line in lines:
        try:
            result = Parser(tokenize(line), env).statement()
            print(f"{line:<28} => {result}")
        except CalcError as e:
            print(f"{line:<28} => error: {e}")

print(tokenize("x = 3 * (4 + y)"))
run([
    "1 + 2 * 3",
    "(1 + 2) * 3",
    "2 ^ 3 ^ 2",
    "-2 ^ 2",
    "10 / 4",
    "10 % 4 + 7 % 3",
    "x = 5",
    "y = x * 2 + 1",
    "x * y - 3",
    "sqrt(16) + abs(-3)",
    "max(1, x, y, 4) - min(3, 2)",
    "floor(pi * 100) / 100",
    "2 ^ 100",
    "1 / 0",
    "3 + ",
    "unknown + 1",
    "foo(2)",
    "4 $ 4",
    "((((1))))",
    "1.5 * 4 - 0.5",
])

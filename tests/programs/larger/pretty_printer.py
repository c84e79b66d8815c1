# larger: hand-written JSON-like serializer, pretty printer and parser (round trip)
class ParseError(Exception):
    pass

def escape(s):
    out = []
    for c in s:
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif ord(c) < 32:
            out.append("\\u%04x" % ord(c))
        else:
            out.append(c)
    return '"' + "".join(out) + '"'

def dumps(v, indent=None, level=0):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return escape(v)
    pad = "" if indent is None else "\n" + " " * (indent * (level + 1))
    end = "" if indent is None else "\n" + " " * (indent * level)
    sep = ", " if indent is None else ","
    if isinstance(v, (list, tuple)):
        if not v:
            return "[]"
        return "[" + sep.join(pad + dumps(x, indent, level + 1) for x in v) + end + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        items = (pad + escape(str(k)) + ": " + dumps(x, indent, level + 1) for k, x in v.items())
        return "{" + sep.join(items) + end + "}"
    raise TypeError(f"cannot serialize {type(v).__name__}")

class Reader:
    def __init__(self, s):
        self.s = s
        self.i = 0
    def ws(self):
        while self.i < len(self.s) and self.s[self.i] in " \n\t\r":
            self.i += 1
    def expect(self, ch):
        self.ws()
        if self.s[self.i:self.i + 1] != ch:
            raise ParseError(f"expected {ch!r} at {self.i}")
        self.i += 1
    def value(self):
        self.ws()
        c = self.s[self.i:self.i + 1]
        if c == "{":
            return self.obj()
        if c == "[":
            return self.arr()
        if c == '"':
            return self.string()
        for lit, val in (("null", None), ("true", True), ("false", False)):
            if self.s.startswith(lit, self.i):
                self.i += len(lit)
                return val
        return self.number()
    def obj(self):
        self.expect("{")
        d = {}
        self.ws()
        if self.s[self.i] == "}":
            self.i += 1
            return d
        while True:
            self.ws()
            k = self.string()
            self.expect(":")
            d[k] = self.value()
            self.ws()
            if self.s[self.i] == ",":
                self.i += 1
                continue
            self.expect("}")
            return d
    def arr(self):
        self.expect("[")
        out = []
        self.ws()
        if self.s[self.i] == "]":
            self.i += 1
            return out
        while True:
            out.append(self.value())
            self.ws()
            if self.s[self.i] == ",":
                self.i += 1
                continue
            self.expect("]")
            return out
    def string(self):
        if self.s[self.i] != '"':
            raise ParseError(f"expected string at {self.i}")
        self.i += 1
        out = []
        while self.s[self.i] != '"':
            c = self.s[self.i]
            if c == "\\":
                n = self.s[self.i + 1]
                if n == "u":
                    out.append(chr(int(self.s[self.i + 2:self.i + 6], 16)))
                    self.i += 6
                    continue
                out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}[n])
                self.i += 2
            else:
                out.append(c)
                self.i += 1
        self.i += 1
        return "".join(out)
    def number(self):
        j = self.i
        while j < len(self.s) and self.s[j] in "+-0123456789.eE":
            j += 1
        text = self.s[self.i:j]
        if not text:
            raise ParseError(f"unexpected {self.s[self.i:self.i + 1]!r} at {self.i}")
        self.i = j
        return float(text) if any(c in text for c in ".eE") else int(text)

def loads(s):
    r = Reader(s)
    v = r.value()
    r.ws()
    if r.i != len(s):
        raise ParseError(f"trailing data at {r.i}")
    return v

doc = {"name": "gilgamesh", "version": [0, 1, 2], "tags": ["vm", "rust", "python"],
       "nested": {"empty_list": [], "empty_obj": {}, "pi": 3.14159, "big": 2 ** 70, "neg": -1.5e-7},
       "flags": {"fast": True, "safe": False, "extra": None},
       "text": "quote \" backslash \\ newline \n tab \t ctrl \x01 unicode é"}
compact = dumps(doc)
print(compact)
pretty = dumps(doc, indent=2)
print(pretty)
back = loads(pretty)
print(back == doc, loads(compact) == doc)
print(loads(' [1, 2.5, "x", [true, false, null], {"a": {"b": []}}] '))
for bad in ['{"a" 1}', "[1, 2", "tru", '{"a": 1} x', "@"]:
    try:
        loads(bad)
        print("parsed?!", bad)
    except (ParseError, IndexError, KeyError) as e:
        print("error for", repr(bad), type(e).__name__)
try:
    dumps({"s": {1, 2}})
except TypeError as e:
    print("TypeError", e)

# larger: hand-written Fraction class with big ints, continued fractions and exact harmonic numbers
def gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)

class Frac:
    __slots__ = ("n", "d")
    def __init__(self, n, d=1):
        if d == 0:
            raise ZeroDivisionError("Frac denominator is zero")
        if d < 0:
            n, d = -n, -d
        g = gcd(n, d) or 1
        self.n = n // g
        self.d = d // g
    @staticmethod
    def of(x):
        return x if isinstance(x, Frac) else Frac(x)
    def __add__(self, o):
        o = Frac.of(o)
        return Frac(self.n * o.d + o.n * self.d, self.d * o.d)
    __radd__ = __add__
    def __sub__(self, o):
        o = Frac.of(o)
        return Frac(self.n * o.d - o.n * self.d, self.d * o.d)
    def __rsub__(self, o):
        return Frac.of(o) - self
    def __mul__(self, o):
        o = Frac.of(o)
        return Frac(self.n * o.n, self.d * o.d)
    __rmul__ = __mul__
    def __truediv__(self, o):
        o = Frac.of(o)
        return Frac(self.n * o.d, self.d * o.n)
    def __rtruediv__(self, o):
        return Frac.of(o) / self
    def __neg__(self):
        return Frac(-self.n, self.d)
    def __pow__(self, k):
        if k < 0:
            return Frac(self.d ** -k, self.n ** -k)
        return Frac(self.n ** k, self.d ** k)
    def __eq__(self, o):
        o = Frac.of(o)
        return self.n == o.n and self.d == o.d
    def __lt__(self, o):
        o = Frac.of(o)
        return self.n * o.d < o.n * self.d
    def __hash__(self):
        return hash((self.n, self.d))
    def __float__(self):
        return self.n / self.d
    def __repr__(self):
        return f"{self.n}/{self.d}" if self.d != 1 else str(self.n)
    def decimal(self, digits):
        sign = "-" if self.n < 0 else ""
        q, r = divmod(abs(self.n), self.d)
        out = []
        for _ in range(digits):
            r *= 10
            out.append(str(r // self.d))
            r %= self.d
        return f"{sign}{q}." + "".join(out)

def harmonic(n):
    s = Frac(0)
    for k in range(1, n + 1):
        s = s + Frac(1, k)
    return s

def continued_fraction(f, limit=20):
    terms = []
    n, d = f.n, f.d
    while d and len(terms) < limit:
        q = n // d
        terms.append(q)
        n, d = d, n - q * d
    return terms

def from_cf(terms):
    x = Frac(terms[-1])
    for t in reversed(terms[:-1]):
        x = t + 1 / x
    return x

a, b = Frac(1, 3), Frac(-2, 4)
print(a, b, a + b, a - b, a * b, a / b, -a, a ** 3, b ** -2, 1 + a, 1 - a, 2 * b, 1 / a)
print(a == Frac(2, 6), a < b, b < a, sorted([Frac(3, 4), Frac(1, 2), Frac(5, 6), Frac(-1, 3)]))
print(len({Frac(1, 2), Frac(2, 4), Frac(3, 6)}), float(Frac(1, 8)))
for n in (1, 5, 10, 30):
    h = harmonic(n)
    print(n, h, h.decimal(15))
approx = Frac(0)
for k in range(30):
    approx = approx + Frac((-1) ** k * 4, 2 * k + 1)
print("leibniz 30", approx.decimal(10))
e = Frac(0)
fact = 1
for k in range(25):
    if k:
        fact *= k
    e = e + Frac(1, fact)
print("e approx", e.decimal(30))
print("cf(e approx)", continued_fraction(e, 15))
sqrt2 = from_cf([1] + [2] * 20)
print("sqrt2 approx", sqrt2, sqrt2.decimal(20), continued_fraction(Frac(415, 93)))
try:
    Frac(1, 0)
except ZeroDivisionError as ex:
    print("ZeroDivisionError", ex)
print(sum([Frac(1, 2 ** k) for k in range(1, 11)], Frac(0)))

"""Regenerates the numeric test tables from CPython 3.11 (run: python3 gen.py).

Each line is `op|arg|arg|...|expected`; values are encoded as
i:<int>  f:<16 hex digits of the IEEE bits> or f:nan  b:True/False
s:<text>  x:<hex of UTF-8 text>  y:<hex bytes>  (a;b) tuples  [a;b] lists  E:<Exception>:<message>
"""
import math, os, random, struct, sys

sys.set_int_max_str_digits(0)
HERE = os.path.dirname(os.path.abspath(__file__))
# NUMERIC_GEN_SCALE=20 python3 gen.py  writes much larger tables for a
# one-off deep check (do not commit those).
S = int(os.environ.get('NUMERIC_GEN_SCALE', '1'))


def enc(v):
    if isinstance(v, bool):
        return 'b:' + str(v)
    if isinstance(v, int):
        return 'i:' + str(v)
    if isinstance(v, float):
        if v != v:
            return 'f:nan'
        return 'f:%016x' % struct.unpack('<Q', struct.pack('<d', v))[0]
    if isinstance(v, tuple):
        return '(' + ';'.join(enc(x) for x in v) + ')'
    if isinstance(v, list):
        return '[' + ';'.join(enc(x) for x in v) + ']'
    if isinstance(v, str):
        if all(ch.isascii() and (ch.isalnum() or ch in '.+-_') for ch in v):
            return 's:' + v
        return 'x:' + v.encode().hex()
    if isinstance(v, (bytes, bytearray)):
        return 'y:' + bytes(v).hex()
    if v is None:
        return 'None'
    raise TypeError(v)


def run(f, *a):
    try:
        return enc(f(*a))
    except Exception as e:  # noqa: BLE001
        return 'E:%s:%s' % (type(e).__name__, e)


class Out:
    def __init__(self, name):
        self.f = open(os.path.join(HERE, name), 'w')

    def case(self, op, args, f):
        self.f.write('|'.join([op] + [enc(a) for a in args] + [run(f, *args)]) + '\n')

    def raw(self, line):
        self.f.write(line + '\n')


# ---------------------------------------------------------------- ints
INTS = [0, 1, -1, 2, -2, 3, 7, -7, 10, 255, -256, 2**31, 2**53, 2**53 + 1, -(2**53 + 1),
        2**62, 2**63 - 1, -(2**63), 2**63, -(2**63) - 1, 2**64, 3**50, -(3**50),
        10**30 + 7, -(2**100), 2**127 - 1]
o = Out('int_cases.txt')
for a in INTS:
    for b in INTS:
        o.case('add', [a, b], lambda a, b: a + b)
        o.case('sub', [a, b], lambda a, b: a - b)
        o.case('mul', [a, b], lambda a, b: a * b)
        o.case('floordiv', [a, b], lambda a, b: a // b)
        o.case('mod', [a, b], lambda a, b: a % b)
        o.case('divmod', [a, b], divmod)
        o.case('truediv', [a, b], lambda a, b: a / b)
        o.case('and', [a, b], lambda a, b: a & b)
        o.case('or', [a, b], lambda a, b: a | b)
        o.case('xor', [a, b], lambda a, b: a ^ b)
for a in INTS:
    o.case('neg', [a], lambda a: -a)
    o.case('abs', [a], abs)
    o.case('invert', [a], lambda a: ~a)
    o.case('float', [a], float)
    o.case('bin', [a], bin)
    o.case('oct', [a], oct)
    o.case('hex', [a], hex)
    o.case('bit_length', [a], lambda a: a.bit_length())
    o.case('bit_count', [a], lambda a: a.bit_count())
    o.case('hash', [a], hash)
    for n in [0, 1, 5, 31, 63, 64, 65, 100, 200, -1]:
        o.case('lshift', [a, n], lambda a, n: a << n)
        o.case('rshift', [a, n], lambda a, n: a >> n)
    for e in [0, 1, 2, 3, 5, 10, 63, 64, 40, -1, -2, -3, -64, -1100]:
        o.case('pow', [a, e], lambda a, e: a ** e)
    for e in [-3, -1, 0, 1, 2, 5, 100, 2**70]:
        for m in [1, -1, 2, 7, -7, 10, 12, 2**61 - 1, 2**64 + 13, -(2**65), 0]:
            o.case('powmod', [a, e, m], pow)
    for n in [-1, -2, -5, -20, -40, 0, 3]:
        o.case('round', [a, n], round)
    for length in [0, 1, 2, 8, 9, 17]:
        for order in ['big', 'little']:
            for signed in [False, True]:
                o.case('to_bytes', [a, length, order, signed],
                       lambda a, l, o_, s: a.to_bytes(l, o_, signed=s))
rnd = random.Random(2024)
for _ in range(60):
    b = bytes(rnd.randrange(256) for _ in range(rnd.randrange(0, 20)))
    for order in ['big', 'little']:
        for signed in [False, True]:
            o.case('from_bytes', [b, order, signed], lambda b, o_, s: int.from_bytes(b, o_, signed=s))
# int -> float and true division rounding
SPECIAL = [2**1024, 2**1024 - 2**970, 2**1024 - 2**971, 2**53 + 1, 2**53 + 3, 2**54 + 2, 2**54 + 6,
           2**63 + 2**10, 2**63 + 2**10 + 1, -(2**64 + 2**11), 10**308, 10**309, 2**1023 * 3 // 2]
for a in SPECIAL:
    o.case('float', [a], float)
    o.case('hash', [a], hash)
for a, b in [(2**1100, 2**60), (2**1100, 2**77), (1, 2**1074), (1, 2**1075), (3, 2**1076), (-1, 2**1075),
             (2**1075 + 1, 2**2150), (10**400, 10**399), (-(10**400), 3), (1, 10**400), (0, -5), (0, 10**400),
             (2**1024 - 2**970, 1), (2**1024 - 2**970 + 1, 1), (2**2048 - 1, 2**1024), (5, 0)]:
    o.case('truediv', [a, b], lambda a, b: a / b)
for _ in range(200 * S):
    a = rnd.getrandbits(rnd.choice([10, 53, 54, 60, 64, 100, 300, 1100])) * rnd.choice([1, -1])
    b = rnd.getrandbits(rnd.choice([1, 10, 53, 60, 64, 100, 300, 1100])) + 1
    o.case('truediv', [a, b], lambda a, b: a / b)
    o.case('float', [a], float)
    o.case('hash', [a], hash)
FLOATS_CMP = [0.0, -0.0, 0.5, -0.5, 1.0, 1.5, -1.5, 2.0**53, 2.0**53 + 2, 9.3e18, -9.3e18, 2.0**63, -2.0**63,
              2.0**64, 1e300, float('inf'), float('-inf'), float('nan'), 255.5, -256.0, 1.2676506002282294e30]
for a in INTS + [2**1024, -(2**1024), 2**64 + 1]:
    for f in FLOATS_CMP:
        def cmpf(a, f):
            if a < f:
                return '<'
            if a > f:
                return '>'
            if a == f:
                return '='
            return 'None'
        o.case('cmp', [a, f], cmpf)
for a in [10**4299, 10**4300, -(10**4300), -(10**4299), 2**14000]:
    def str4300(a):
        sys.set_int_max_str_digits(4300)
        try:
            return str(a)[:20]
        finally:
            sys.set_int_max_str_digits(0)
    o.case('str4300', [a], str4300)

# ---------------------------------------------------------------- floats
def fpow(a, b):
    try:
        r = a ** b
    except OverflowError as e:
        if 'complex' in str(e):
            raise ValueError('negative number cannot be raised to a fractional power')
        raise
    if isinstance(r, complex):
        raise ValueError('negative number cannot be raised to a fractional power')
    return r


inf, nan = float('inf'), float('nan')
FL = [0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 3.0, -3.5, 1e-300, 5e-324, -5e-324, 1e300,
      1.7976931348623157e308, 0.1, 0.7, -0.7, 123.456, 1e22, 2.0**53, 9007199254740993.0, inf, -inf, nan,
      7.0, -7.0, 1e16, 3.141592653589793, -1e-10, 2.0**-1022]
o = Out('float_cases.txt')
for a in FL:
    for b in FL:
        o.case('ffloordiv', [a, b], lambda a, b: a // b)
        o.case('fmod', [a, b], lambda a, b: a % b)
        o.case('fdivmod', [a, b], divmod)
        o.case('ftruediv', [a, b], lambda a, b: a / b)
        o.case('fpow', [a, b], fpow)
rnd = random.Random(99)
extra = [rnd.uniform(-1e6, 1e6) for _ in range(40 * S)] + [rnd.uniform(-3, 3) for _ in range(40 * S)] + \
        [math.ldexp(rnd.random(), rnd.randrange(-1074, 1024)) for _ in range(60 * S)] + \
        [k + 0.5 for k in range(-10, 10)] + [0.125, 0.375, 2.675, 1.005, 0.285, 1e-320, 4.35, 5e15 + 0.5]
for x in FL + extra:
    o.case('fround', [x], round)
    o.case('fint', [x], int)
    o.case('fhash', [x], hash)
    o.case('fhex', [x], float.hex)
    o.case('fis_integer', [x], float.is_integer)
    o.case('fratio', [x], float.as_integer_ratio)
    for n in [-400, -308, -300, -5, -1, 0, 1, 2, 3, 10, 17, 20, 300, 323, 324]:
        o.case('froundn', [x, n], round)
for a, b in [(rnd.uniform(-10, 10), rnd.uniform(-10, 10)) for _ in range(200 * S)] + \
            [(-8.0, 1 / 3), (-2.0, 0.5), (10.0, 400.0), (-10.0, 401.0), (0.0, -1.0), (-0.0, -3.0), (2.0, -1075.0),
             (1e300, 2.0), (-1e300, 3.0), (1e-300, 3.0), (-2.0, 1e300), (-2.0, 1e300 + 1)]:
    o.case('fpow', [a, b], fpow)
    o.case('ffloordiv', [a, b], lambda a, b: a // b)
    o.case('fmod', [a, b], lambda a, b: a % b)
for s in ['0x1.8p1', '  -0X1.8P+1  ', '0x.8', '0x1.', '0x', '1', '-Infinity', 'nan', '+inf', 'iNfInItY', '0x1p-1075',
          '0x1.00000000000018p0', '0x1.00000000000008p0', '0x1.00000000000008000001p0', '0x' + 'f' * 300,
          '0x1p1023', '0x1.fffffffffffffp1023', '0x1.fffffffffffff8p1023', '0x1p1024', '0x0p99999999999999999999',
          '0x1p-99999999999999999999', '0x1.0000000000001p-1022', '0x0.0000000000001p-1022', '0x1p-1074',
          '0x3p-1076', '0x1p-1076', '0x1.8p-1074', 'zz', '0x1p', '0x1p+', '1.5e3', '0xg', '', '   ', 'inf x',
          '0x1P-2', '-0x0p0', 'abc', '0xABC.DEFp-3', '\t0x1\n', '1_0', '0x1.2p1_0']:
    o.case('ffromhex', [s], float.fromhex)

# ---------------------------------------------------------------- math
o = Out('math_cases.txt')
rnd = random.Random(12345)
SPEC = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 10.0, 1e-300, -1e-300, 5e-324, 1e300, -1e300, 1e-20, 1e-10,
        inf, -inf, nan, 710.0, -745.5, 1e308, 0.99999999, 1.00000001, 3.0, -3.0, 28.0, -6.5, 171.5, 172.0,
        -171.5, 200.5, -200.5, 1e-21, 0.84375, 1.25, 2.857, 2.86, 6.0, 27.9, -27.9, 30.0, 1e16, 2.0**60]
UNARY = {
    'sqrt': math.sqrt, 'exp': math.exp, 'exp2': math.exp2, 'expm1': math.expm1, 'log': math.log,
    'log2': math.log2, 'log10': math.log10, 'log1p': math.log1p, 'sin': math.sin, 'cos': math.cos,
    'tan': math.tan, 'asin': math.asin, 'acos': math.acos, 'atan': math.atan, 'sinh': math.sinh,
    'cosh': math.cosh, 'tanh': math.tanh, 'asinh': math.asinh, 'acosh': math.acosh, 'atanh': math.atanh,
    'cbrt': math.cbrt, 'erf': math.erf, 'erfc': math.erfc, 'gamma': math.gamma, 'lgamma': math.lgamma,
    'fabs': math.fabs, 'degrees': math.degrees, 'radians': math.radians, 'floor': math.floor,
    'ceil': math.ceil, 'trunc': math.trunc, 'frexp': math.frexp, 'modf': math.modf, 'ulp': math.ulp,
}
for name, fn in UNARY.items():
    vals = SPEC + [rnd.uniform(-30, 30) for _ in range(80 * S)] + [rnd.uniform(-1, 1) for _ in range(30 * S)] + \
        [math.ldexp(rnd.random(), rnd.randrange(-1074, 1024)) for _ in range(40 * S)] + \
        [rnd.uniform(0.5, 8) for _ in range(30 * S)] + [rnd.uniform(-200, 200) for _ in range(30 * S)] + \
        [k + d for k in range(-5, 25) for d in (0.0, 0.5, 1e-9)]
    for x in vals:
        o.case(name, [x], fn)
BINARY = {'atan2': math.atan2, 'mpow': math.pow, 'mfmod': math.fmod, 'remainder': math.remainder,
          'copysign': math.copysign, 'nextafter': math.nextafter, 'logb': math.log,
          'hypot2': math.hypot}
B = [0.0, -0.0, 1.0, -1.0, 0.5, 2.0, -2.0, 3.0, 1e-300, 1e300, inf, -inf, nan, 10.0, 1e308, 5e-324, 4.0, 7.5]
for name, fn in BINARY.items():
    pairs = [(a, b) for a in B for b in B] + [(rnd.uniform(-50, 50), rnd.uniform(-50, 50)) for _ in range(80 * S)]
    for a, b in pairs:
        o.case(name, [a, b], fn)
for x in [1.0, -1.0, 0.0, 3.5, 1e-300, 5e-324, inf, nan, 1e308]:
    for i in [0, 1, -1, 5, 1074, -1074, -1075, 1024, -2000, 2000, 2**31, -(2**31) - 1, 2**70, -(2**70)]:
        o.case('ldexp', [x, i], math.ldexp)
for a, b in [(1.0, 1.0 + 1e-10), (1.0, 1.1), (inf, inf), (inf, -inf), (nan, nan), (0.0, 1e-10), (1e10, 1e10 + 1)]:
    for rel, ab in [(1e-9, 0.0), (0.0, 1e-9), (0.2, 0.0), (-1.0, 0.0), (0.0, -1.0)]:
        o.case('isclose', [a, b, rel, ab], lambda a, b, r, t: math.isclose(a, b, rel_tol=r, abs_tol=t))
LISTS = [[], [3.0], [3.0, 4.0], [1e308, 1e308], [5e-324, 5e-324, 1e-320], [inf, nan], [nan, 1.0], [1.0, -inf],
         [1e-310, 2e-310], [0.1] * 10, [1e100, 1.0, -1e100], [1e-16, 1.0, 1e16], [1e308, 1e308, -1e308],
         [inf, -inf], [inf, inf], [-0.0, -0.0], [2.0**-1074 * 3, 2.0**-1070]] + \
        [[rnd.uniform(-100, 100) for _ in range(rnd.randrange(2, 12))] for _ in range(80 * S)] + \
        [[math.ldexp(rnd.uniform(-1, 1), rnd.randrange(-60, 60)) for _ in range(rnd.randrange(2, 30))]
         for _ in range(80 * S)]
for lst in LISTS:
    o.case('fsum', [lst], math.fsum)
    o.case('hypot', [lst], lambda l: math.hypot(*l))
for _ in range(80 * S):
    n = rnd.randrange(1, 8)
    p = [rnd.uniform(-100, 100) for _ in range(n)]
    q = [rnd.uniform(-100, 100) for _ in range(n)]
    o.case('dist', [p, q], math.dist)
o.case('dist', [[1.0, 2.0], [1.0]], math.dist)
o.case('dist', [[inf, 2.0], [1.0, nan]], math.dist)
IV = [0, 1, -1, 2, 6, 12, 18, 35, 100, 2**32, -(2**40), 2**64 + 1, 3**80, -(10**30), 97 * 2**70, 10**400]
for a in IV:
    o.case('isqrt', [a], math.isqrt)
    o.case('logi', [a], math.log)
    o.case('log2i', [a], math.log2)
    o.case('log10i', [a], math.log10)
    for b in IV:
        o.case('gcd', [[a, b]], lambda l: math.gcd(*l))
        o.case('lcm', [[a, b]], lambda l: math.lcm(*l))
for l in [[], [0], [-12], [12, 18, -30], [0, 0], [2**100, 2**80 * 3, 2**90 * 9], [7, 0, 5]]:
    o.case('gcd', [l], lambda l: math.gcd(*l))
    o.case('lcm', [l], lambda l: math.lcm(*l))
for n in [0, 1, 5, 20, 21, 22, 25, 50, 100, 127, 300, 1000, -1, 2**63, -(2**70)]:
    o.case('factorial', [n], lambda n: math.factorial(n) % (2**521 - 1) if n >= 0 and n < 2**63 else math.factorial(n))
for n in [0, 1, 5, 10, 30, 67, 68, 100, 1000, 2**64 + 3, -1, 10**20]:
    for k in [0, 1, 2, 5, 17, 33, 60, 101, -1, 2**63, 10**20 - 3]:
        o.case('comb', [n, k], math.comb)
        o.case('perm', [n, k], math.perm)
o.case('comb', [2**64, 2**63], math.comb)
o.case('perm', [5, None], math.perm)
o.case('perm', [-5, None], math.perm)

# ---------------------------------------------------------------- random
o = Out('random_cases.txt')
SEEDS = [0, 1, 42, 12345, 2**40 + 7, -5, 2**100 + 3, 'hello', b'\x00bytes', 3.5, -2.25, 'héllo wörld' * 20]
for seed in SEEDS:
    r = random.Random(seed)
    o.raw('seed|' + enc(seed) + '|s:ok')

    def c(op, args, f):
        o.case(op, args, f)
    for _ in range(5):
        c('random', [], r.random)
    for _ in range(5):
        c('randint', [1, 100], r.randint)
    for _ in range(5):
        c('randrange', [0, 1000, 7], r.randrange)
    for _ in range(5):
        c('choice10', [], lambda: r.choice(range(10)))
    c('shuffle20', [], lambda: (lambda l: (r.shuffle(l), l)[1])(list(range(20))))
    for k in [1, 31, 32, 33, 64, 100, 0, 65, 200]:
        c('getrandbits', [k], r.getrandbits)
    for _ in range(3):
        c('uniform', [-2.5, 10.0], r.uniform)
    c('randrange1', [10**30], r.randrange)
    c('randrange1', [2**64 + 5], r.randrange)
    c('randrange', [-5, 100, -3], r.randrange)
    c('randrange', [100, -5, -3], r.randrange)
    c('randrange', [3, 3, 1], r.randrange)
    c('randrange', [0, 10, 0], r.randrange)
    c('randrange', [-(2**63), 2**63 - 1, 1], r.randrange)
    c('randrange', [-(10**20), 10**20, 3], r.randrange)
    c('randint', [-(10**20), 10**20], r.randint)
    c('randint', [5, 1], r.randint)
    c('randrange1', [0], r.randrange)
    c('sample', [100, 10], lambda n, k: r.sample(range(n), k))
    c('sample', [30, 30], lambda n, k: r.sample(range(n), k))
    c('sample', [10**12, 5], lambda n, k: r.sample(range(n), k))
    c('sample', [5, 6], lambda n, k: r.sample(range(n), k))
    c('sample', [2000, 300], lambda n, k: r.sample(range(n), k))
    c('sample_counts', [[3, 0, 2, 5], 6], lambda cn, k: r.sample(range(len(cn)), k, counts=cn))
    c('choices', [10, 5], lambda n, k: r.choices(range(n), k=k))
    c('choices_w', [[1.0, 2.5, 0.0, 3.0], 6], lambda w, k: r.choices(range(len(w)), weights=w, k=k))
    c('choices_cw', [[1.0, 3.5, 3.5, 6.5], 6], lambda w, k: r.choices(range(len(w)), cum_weights=w, k=k))
    for _ in range(3):
        c('gauss', [1.0, 2.0], r.gauss)
    c('normalvariate', [0.0, 1.0], r.normalvariate)
    c('lognormvariate', [0.0, 1.0], r.lognormvariate)
    c('expovariate', [2.0], r.expovariate)
    c('triangular', [0.0, 10.0, 3.0], r.triangular)
    c('randbytes', [10], r.randbytes)
    c('random', [], r.random)

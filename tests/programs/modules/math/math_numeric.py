# modules/math: numerical algorithms using math (newton, series, trig identities) printed rounded
import math
def newton_sqrt(x):
    g = x / 2
    for _ in range(30):
        g = (g + x / g) / 2
    return g
for v in [2, 10, 12345]:
    print(v, round(newton_sqrt(v), 10), round(math.sqrt(v), 10))
pi_est = 4 * sum((-1) ** k / (2 * k + 1) for k in range(10000))
print(round(pi_est, 6), abs(pi_est - math.pi) < 1e-3)
e_est = sum(1 / math.factorial(k) for k in range(20))
print(e_est == math.e, round(e_est, 12))
for deg in range(0, 361, 45):
    r = math.radians(deg)
    print(deg, round(math.sin(r), 6) + 0.0, round(math.cos(r), 6) + 0.0, round(math.sin(r) ** 2 + math.cos(r) ** 2, 12))
print(math.floor(-0.5), math.ceil(0.5), int(math.floor(7 / 2)))
print([round(math.log(x), 4) for x in (1, 2, 10, 100)])

# basics: integer arithmetic (+ - * unary, precedence)
a = 7
b = 3
print(a + b, a - b, a * b, -a, +a, -(-a))
print(2 + 3 * 4, (2 + 3) * 4, 2 * 3 ** 2, -2 ** 2, (-2) ** 2)
print(10 - 2 - 3, 100 // 10 // 3, 2 ** 3 ** 2)
x = 0
for i in range(1, 101):
    x += i * i
print("sum of squares", x)
print(1_000_000 + 1, 0x1F, 0o17, 0b1011, 0X_ff)
total = 0
n = 12345
while n:
    total += n % 10
    n //= 10
print("digit sum", total)
print(abs(-5), abs(5), abs(0))
print(int("42") + 1, int("-17"), int("  8 "))
print(True + True, True * 10, False - 1)
c = 5
c += 3; print(c)
c -= 10; print(c)
c *= -4; print(c)
c //= 3; print(c)
c %= 5; print(c)
c **= 3; print(c)

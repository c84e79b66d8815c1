# basics: arbitrary precision integers
f = 1
for i in range(1, 51):
    f *= i
print(f)
print(2 ** 100)
print(2 ** 64 - 1, -(2 ** 63))
print(3 ** 200 % 1000007)
big = 12345678901234567890123456789
print(big * big)
print(big // 97, big % 97)
print(-big // 97, -big % 97)
print(big - big * 2)
print(10 ** 30 + 1 == 1000000000000000000000000000001)
print((2 ** 127 - 1) % 7, (2 ** 127 - 1) // (2 ** 64))
a = 2 ** 200
b = 3 ** 120
print(a > b, a < b, a == b, a // b, a % b)
print(len(str(2 ** 1000)))
print(sum(int(d) for d in str(2 ** 1000)))
print(hex(2 ** 80), bin(2 ** 70 + 1), oct(8 ** 25))
print(int("123456789012345678901234567890") + 1)
print(pow(7, 1000, 10 ** 9 + 7))
print(pow(2, 10000, 1000000))
print(-(2 ** 65) >> 3, (2 ** 65) << 5)
print(abs(-(10 ** 25)))
print((10 ** 20) * (10 ** 20) == 10 ** 40)
x = 1
for _ in range(100):
    x = x * 3 + 1
print(x)
print(x.bit_length(), (2 ** 100).bit_length(), (0).bit_length(), (-255).bit_length())
fib = [0, 1]
while len(fib) < 200:
    fib.append(fib[-1] + fib[-2])
print(fib[-1])
print(divmod(10 ** 25 + 3, 10 ** 12))
print(divmod(-(10 ** 25) - 3, 10 ** 12))

# control: if/elif/else chains and nested ifs
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        if n % 2:
            return "small odd"
        else:
            return "small even"
    elif n < 100:
        return "medium"
    else:
        return "large"
for n in [-5, 0, 3, 4, 50, 500]:
    print(n, classify(n))
def fizz(n):
    if n % 15 == 0:
        return "FizzBuzz"
    if n % 3 == 0:
        return "Fizz"
    if n % 5 == 0:
        return "Buzz"
    return str(n)
print(" ".join(fizz(i) for i in range(1, 31)))
x = []
if x:
    print("nonempty")
else:
    print("empty")
if not None and 0 == 0.0:
    print("ok")

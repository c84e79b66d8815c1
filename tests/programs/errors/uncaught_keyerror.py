# errors: uncaught KeyError inside a loop after partial output
prices = {"apple": 3, "pear": 4}
for fruit in ["apple", "pear", "mango"]:
    print(fruit, prices[fruit])

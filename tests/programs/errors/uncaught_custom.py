# errors: uncaught custom exception subclass defined in __main__ (name printed without module prefix)
class InventoryError(Exception):
    pass
def check(n):
    if n < 0:
        raise InventoryError(f"negative stock: {n}")
    return n
for v in [3, 0, -2, 5]:
    print("checked", check(v))

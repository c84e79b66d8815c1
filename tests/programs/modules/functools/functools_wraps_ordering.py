# modules/functools: wraps preserving metadata, cmp_to_key, total_ordering
from functools import wraps, cmp_to_key, total_ordering
def logged(fn):
    @wraps(fn)
    def wrapper(*a, **k):
        return ("logged", fn(*a, **k))
    return wrapper
@logged
def greet(name):
    """Greets someone."""
    return "hi " + name
print(greet("x"), greet.__name__, greet.__doc__, greet.__wrapped__("y"))
def cmp(a, b):
    if len(a) != len(b):
        return len(a) - len(b)
    return (a > b) - (a < b)
print(sorted(["ccc", "a", "bb", "aa", "b"], key=cmp_to_key(cmp)))
print(sorted([5, 2, 9], key=cmp_to_key(lambda a, b: b - a)))
@total_ordering
class Card:
    order = "23456789TJQKA"
    def __init__(self, r):
        self.r = r
    def __eq__(self, o):
        return self.r == o.r
    def __lt__(self, o):
        return self.order.index(self.r) < self.order.index(o.r)
    def __repr__(self):
        return "Card(" + self.r + ")"
cards = [Card(c) for c in "KT2AJ9"]
print(sorted(cards), max(cards), Card("T") >= Card("9"), Card("2") > Card("3"), Card("Q") <= Card("Q"))

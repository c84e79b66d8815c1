"""Helper module for import tests (not a test itself)."""
print("_helper_mod executing, __name__ =", __name__)
CONSTANT = 42
counter = 0
_private = "hidden"
def bump(n=1):
    global counter
    counter += n
    return counter
def greet(name):
    return f"hello {name} from {__name__}"
class Widget:
    made = 0
    def __init__(self, label):
        Widget.made += 1
        self.label = label
    def __repr__(self):
        return f"Widget({self.label!r})"
if __name__ == "__main__":
    print("this must not print when imported")

"""Helper submodule of _shapes using a relative import of a sibling."""
from ._circle import PI
class Square:
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s * self.s
    def describe(self):
        return f"square s={self.s} area={self.area()} (knows PI={PI})"

"""Helper submodule of _shapes."""
PI = 3.14159
class Circle:
    def __init__(self, r):
        self.r = r
    def area(self):
        return round(PI * self.r * self.r, 3)
    def describe(self):
        return f"circle r={self.r} area={self.area()} in {__name__}"

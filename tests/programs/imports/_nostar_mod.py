"""Helper module without __all__: star import skips underscore names."""
visible = 1
also_visible = 2
_invisible = 3
def func():
    return "func"

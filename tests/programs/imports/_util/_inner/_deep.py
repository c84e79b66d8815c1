"""Helper deep module."""
def deep_value():
    return "deep"

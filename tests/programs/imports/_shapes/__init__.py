"""Helper package _shapes."""
from ._circle import Circle
from . import _square
from ._square import Square as Sq
PACKAGE_NAME = __name__
def describe_all(shapes):
    return [s.describe() for s in shapes]

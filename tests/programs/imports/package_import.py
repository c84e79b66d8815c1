# imports: package directory with __init__.py, relative imports inside the package, submodule attributes
import _shapes
from _shapes import Circle, Sq
from _shapes._circle import PI
import _shapes._square as sqmod
print(_shapes.PACKAGE_NAME, _shapes.__name__, _shapes.__doc__)
shapes = [Circle(1), Sq(3), _shapes.Circle(2)]
for line in _shapes.describe_all(shapes):
    print(line)
print(PI, sqmod.Square(2).area(), sqmod is _shapes._square, hasattr(_shapes, "_circle"))
import _util._inner
from _util._inner import deep_value, PARENT_LOADED
print(deep_value(), PARENT_LOADED, _util.LOADED, _util._inner.__name__)
from _util import _strings
print(_strings.shout("hi"), _strings.whisper("HEY"))

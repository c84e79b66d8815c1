# imports: import x as z aliases, aliasing stdlib modules, module identity via sys.modules
import _helper_mod as h
import _helper_mod as h2
import sys
import math as m
import collections as col
print(h is h2, h is sys.modules["_helper_mod"], h.greet("z"))
print(m.sqrt(81), col.Counter("aab").most_common(1))
print("_helper_mod" in sys.modules, "_never_imported" in sys.modules)
from math import sqrt as root, pi as PI
print(root(16), round(PI, 2))

# imports: from module import * with and without __all__
from _star_mod import *
print(public_a, public_b)
try:
    print(public_c)
except NameError as e:
    print("NameError", e)
from _nostar_mod import *
print(visible, also_visible, func())
try:
    print(_invisible)
except NameError as e:
    print("NameError", e)

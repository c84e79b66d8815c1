# Slice and index assignment and deletion on lists, including extended slices and errors.
L = list(range(10))
L[2:5] = "ab"; print(L)
L[::2] = range(5) if len(L[::2]) == 5 else range(len(L[::2])); print(L)
try:
    L[::3] = [1]
except ValueError as e: print(e)
del L[1::2]; print(L)
del L[-1]; print(L)
try:
    del L[100]
except IndexError as e: print(e)
try:
    L[100] = 1
except IndexError as e: print(e)
L[-1] = "z"; print(L)
L[5:1] = [9, 9]; print(L)
L[::-1] = list(range(len(L))); print(L)
del L[::-2]; print(L)
del L[:]; print(L)
try:
    L[::0] = []
except ValueError as e: print(e)

# Slices compare as the tuples (start, stop, step), and never equal a tuple.
print(slice(1,5) == slice(1,5), slice(1,5,None) == slice(1,5), slice(1,5) != slice(1,6), slice(1, 2) < slice(1, 3), slice(1,5) == (1,5,None))

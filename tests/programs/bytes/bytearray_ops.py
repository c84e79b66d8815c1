# bytes: bytearray mutation, append, extend, slicing assignment, conversion
ba = bytearray(b"hello")
ba[0] = 72
ba.append(33)
ba.extend(b"??")
print(ba, len(ba), bytes(ba))
ba[1:3] = b"EE"
print(ba)
del ba[-2:]
print(ba, ba.pop(), ba)
ba.insert(0, 62)
print(ba, ba.find(b"l"), ba.upper(), ba.decode())
ba2 = bytearray(4)
for i in range(4):
    ba2[i] = i * 60
print(ba2, list(ba2), ba2.hex())
try:
    ba2[0] = 300
except ValueError as e:
    print("ValueError", e)
print(bytearray(b"abc") == b"abc", bytearray([1, 2]) + b"\x03", bytearray(b"xy") * 2)
ba3 = bytearray(b"racecar")
ba3.reverse()
print(ba3, ba3.count(b"r"))

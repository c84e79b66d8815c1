# subinterp: each interpreter's struct module has its own struct.error class
# (a class is mutable, so sharing one would leak state between interpreters)
from _interp_compat import interpreters
import struct

try:
    struct.pack("i", "x")
except struct.error as e:
    print("main caught:", type(e).__name__, e)
struct.error.marker = "set in main"
i = interpreters.create()
i.exec("""
import struct
try:
    struct.unpack("i", b"ab")
except struct.error as e:
    print("sub caught:", type(e).__name__, e)
print("marker visible in sub:", hasattr(struct.error, "marker"))
""")
print("marker in main:", struct.error.marker)
try:
    struct.calcsize("q!")
except struct.error as e:
    print("main caught again:", e)
i.close()

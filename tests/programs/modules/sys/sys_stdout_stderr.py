# modules/sys: sys.stdout.write, sys.stderr writes (not recorded), print to stderr
import sys
sys.stdout.write("line one\n")
sys.stdout.write("partial ")
sys.stdout.write("line two\n")
count = sys.stdout.write("xyz\n")
print("wrote", count)
sys.stderr.write("this goes to stderr\n")
print("also stderr", file=sys.stderr)
print("back on stdout")
sys.stdout.flush()
print(hasattr(sys.stdout, "write"), hasattr(sys.stderr, "write"))

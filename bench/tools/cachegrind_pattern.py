"""Per-pattern cachegrind counts (instructions, simulated cache misses, branches, mispredictions) of one ft_scaling.py pattern, gilgamesh --mode nogil beside CPython 3.13t, start-up subtracted: python3 bench/tools/cachegrind_pattern.py PATTERN"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KEYS = {"I   refs": "Ir", "I1  misses": "I1mr", "D1  misses": "D1mr", "LLd misses": "LLdm", "Branches": "Br", "Mispredicts": "Bm"}
def m(cmd):
    out = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=yes", "--branch-sim=yes", "--cachegrind-out-file=/dev/null"] + cmd, capture_output=True, text=True, cwd=os.path.join(ROOT, "bench", "threads")).stderr
    d = {}
    for k, short in KEYS.items():
        mm = re.search(re.escape(k) + r":\s+([\d,]+)", out)
        d[short] = int(mm.group(1).replace(",", "")) if mm else 0
    return d
p = sys.argv[1]
for name, pre in [("gilgamesh nogil", [os.path.join(ROOT, "target", "release", "gilgamesh"), "run", "--mode", "nogil"]), ("3.13t", [os.environ.get("FT_PYTHON", "/opt/refpy/ft/bin/python3.13t")])]:
    a = m(pre + ["standalone_pattern.py", "1", p, "1"])
    b = m(pre + ["standalone_pattern.py", "1", p, "81"])
    print("%-16s" % name, " ".join("%s=%8.0f" % (k, (b[k] - a[k]) / 80) for k in a))

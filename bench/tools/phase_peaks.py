"""Peak memory by phase: runs a command whose program prints lines starting
with "MARK" (flushed) at the end of each phase, and prints the process's
peak resident memory so far (VmHWM) and current (VmRSS), in KiB, at each.

usage: python3 bench/tools/phase_peaks.py COMMAND...
"""
import subprocess
import sys

p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, text=True)


def status():
    """The peak and current resident memory, or None once the process has
    exited (its status then has no memory lines)."""
    d = {}
    try:
        with open(f"/proc/{p.pid}/status") as f:
            for line in f:
                if line.startswith(("VmHWM", "VmRSS")):
                    k, v = line.split(":")
                    d[k] = int(v.split()[0])
    except OSError:
        return None
    return d if len(d) == 2 else None


print(f"{'VmHWM':>8} {'VmRSS':>8}  phase")
for line in p.stdout:
    if line.startswith("MARK"):
        d = status()
        if d is None:
            print(f"{'-':>8} {'-':>8}  {line[5:].strip()} (process already exited)")
        else:
            print(f"{d['VmHWM']:>8} {d['VmRSS']:>8}  {line[5:].strip()}")
sys.exit(p.wait())

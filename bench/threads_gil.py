"""GIL-mode thread benchmarks, gilgamesh beside CPython.

Runs each script of bench/threads/ under both interpreters, interleaved
(gilgamesh, CPython, gilgamesh, ...), collects the `name value` lines each
prints, and reports the median and min-max of every figure.

    cargo build --release && python3 bench/threads_gil.py [--repeat 5] [--out FILE]
"""
import argparse
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = ["cpu_scaling.py", "lock_latency.py"]


def run(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise SystemExit("%s failed:\n%s" % (" ".join(cmd), out.stderr))
    figures = {}
    for line in out.stdout.splitlines():
        name, value = line.split()
        figures[name] = float(value)
    return figures


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gilgamesh", default=os.path.join(HERE, "..", "target", "release", "gilgamesh"))
    ap.add_argument("--python", default="python3")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", help="also write the report to this file")
    args = ap.parse_args()
    pyver = subprocess.run([args.python, "-c", "import sys; print(sys.version.split()[0])"],
                           capture_output=True, text=True).stdout.strip()
    lines = [
        "# bench/threads_gil.py, %s" % time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "# machine: %s, %d CPUs" % (" ".join(platform.uname()), os.cpu_count()),
        "# gilgamesh --mode gil vs CPython %s; %d interleaved runs each; median [min-max]" % (pyver, args.repeat),
        "%-28s %-30s %-30s" % ("figure", "gilgamesh", "CPython " + pyver),
    ]
    for script in SCRIPTS:
        path = os.path.join(HERE, "threads", script)
        ours, theirs = [], []
        for _ in range(args.repeat):
            ours.append(run([args.gilgamesh, path]))
            theirs.append(run([args.python, path]))
        for name in ours[0]:
            def cell(rows):
                xs = [r[name] for r in rows]
                return "%.3f [%.3f-%.3f]" % (statistics.median(xs), min(xs), max(xs))
            lines.append("%-28s %-30s %-30s" % ("%s:%s" % (script[:-3], name), cell(ours), cell(theirs)))
    report = "\n".join(lines) + "\n"
    sys.stdout.write(report)
    if args.out:
        with open(args.out, "w") as f:
            f.write(report)


main()

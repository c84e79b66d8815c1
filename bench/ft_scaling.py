"""Free-threading scaling: gilgamesh --mode nogil beside CPython 3.13t.

Runs bench/threads/ft_scaling.py (one process per run) under each
configuration, interleaved (config 1, config 2, ..., then again), and reports
per pattern the median [min-max] throughput scaling of N threads over one
thread, and the median time of the one-thread run (taken while the worker
threads exist, so it is the per-thread speed with free-threading fully on).

    cargo build --release
    python3 bench/ft_scaling.py [--threads 2] [--scale 50] [--repeat 3]
        [--configs nogil,nogil-deferred-off,nogil-atomic,cpython-ft,gil]
        [--python-ft /opt/refpy/ft/bin/python3.13t] [--out FILE]

CPython 3.13t comes from ../shared/tools/build-refpy.sh; its column is left
out when the binary is missing.
"""
import argparse
import os
import platform
import statistics
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "threads", "ft_scaling.py")
GILGAMESH = os.path.join(HERE, "..", "target", "release", "gilgamesh")


def configs(args):
    g = args.gilgamesh
    table = {
        "nogil": [g, "run", "--mode", "nogil"],
        "nogil-deferred-off": [g, "run", "--mode", "nogil", "--deferred-rc", "off"],
        "nogil-atomic": [g, "run", "--mode", "nogil", "--refcount", "atomic"],
        "gil": [g, "run", "--mode", "gil"],
        "cpython-ft": [args.python_ft],
        "cpython-gil": [args.python_gil],
    }
    out = []
    for name in args.configs.split(","):
        cmd = table[name]
        if not os.path.exists(cmd[0]):
            print("skipping %s: %s not found" % (name, cmd[0]))
            continue
        out.append((name, cmd))
    return out


def run(cmd, threads, scale):
    p = subprocess.run(cmd + [SCRIPT, str(threads), str(scale)],
                       capture_output=True, text=True, timeout=900)
    if p.returncode != 0:
        raise SystemExit("%s failed:\n%s" % (" ".join(cmd), p.stderr[-2000:]))
    figures = {}
    for line in p.stdout.splitlines():
        name, value = line.split()
        figures[name] = float(value)
    return figures


def fmt(values):
    return "%.2f [%.2f-%.2f]" % (statistics.median(values), min(values), max(values))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gilgamesh", default=GILGAMESH)
    ap.add_argument("--python-ft", default="/opt/refpy/ft/bin/python3.13t")
    ap.add_argument("--python-gil", default="/opt/refpy/gil/bin/python3.13")
    ap.add_argument("--configs", default="nogil,cpython-ft")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--scale", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", help="also write the report to this file")
    args = ap.parse_args()
    cfgs = configs(args)
    results = {name: [] for name, _ in cfgs}
    for _ in range(args.repeat):
        for name, cmd in cfgs:
            results[name].append(run(cmd, args.threads, args.scale))
    patterns = [k for k in results[cfgs[0][0]][0] if "." not in k]
    lines = [
        "# bench/ft_scaling.py, %s" % time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "# machine: %s, %d CPUs" % (" ".join(platform.uname()), os.cpu_count()),
        "# command: python3 bench/ft_scaling.py --threads %d --scale %d --repeat %d --configs %s"
        % (args.threads, args.scale, args.repeat, args.configs),
        "# configs: " + "; ".join("%s = %s" % (n, " ".join(c)) for n, c in cfgs),
        "# scaling = %d x t(1 thread) / t(%d threads, same work each); median [min-max] of %d runs"
        % (args.threads, args.threads, args.repeat),
        "# ms1 = median (min) time of the 1-thread run in ms (worker threads alive); each"
        " run's figure is already the best of 3 in its process",
        "",
        "%-22s" % "pattern" + "".join("%-40s" % ("%s scaling / ms1" % n) for n, _ in cfgs),
    ]
    geo = {n: [] for n, _ in cfgs}
    for p in patterns:
        row = "%-22s" % p
        for n, _ in cfgs:
            sc = [r[p] for r in results[n]]
            ms = [r[p + ".ms1"] for r in results[n]]
            geo[n].append(statistics.median(sc))
            row += "%-40s" % ("%s / %.1f (%.1f)" % (fmt(sc), statistics.median(ms), min(ms)))
        lines.append(row)
    lines.append("")
    for n, _ in cfgs:
        g = 1.0
        for x in geo[n]:
            g *= x
        g **= 1.0 / len(geo[n])
        lines.append("%s: geometric mean scaling %.2f, lowest %.2f (%s)"
                     % (n, g, min(geo[n]), patterns[geo[n].index(min(geo[n]))]))
    # Per-thread speed: the first configuration against each other one, on
    # the fastest one-thread run of each (the least disturbed by the machine).
    first = cfgs[0][0]
    for n, _ in cfgs[1:]:
        ratios = []
        slower = []
        for p in patterns:
            a = min(r[p + ".ms1"] for r in results[first])
            b = min(r[p + ".ms1"] for r in results[n])
            ratios.append(a / b)
            if a > b:
                slower.append("%s %.2fx" % (p, a / b))
        g = 1.0
        for x in ratios:
            g *= x
        g **= 1.0 / len(ratios)
        lines.append("per-thread time %s / %s (min ms1): geometric mean %.3f; %s slower on: %s"
                     % (first, n, g, first, ", ".join(slower) or "none"))
    report = "\n".join(lines) + "\n"
    print(report, end="")
    if args.out:
        with open(args.out, "w") as f:
            f.write(report)


main()

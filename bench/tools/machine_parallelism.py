"""Can this machine run two CPU-bound programs at once at full speed?

The bar of issue 4 (2 threads >= 1.9x one thread) assumes two cores that
are really there. On a shared virtual machine the host may take one away at
any moment. This check needs no threads and no gilgamesh: it runs one
CPU-bound process alone, then two copies of it at once, and reports
2 x t(alone) / t(pair) for each round. Two independent processes are the
ceiling for any threaded runtime on the same machine at the same time, so
a round below 1.9 here means no runtime could have shown 1.9 then.

    python3 bench/tools/machine_parallelism.py [--rounds 12] [--out FILE]

It also reports the steal time the guest kernel saw (/proc/stat), which a
hypervisor may or may not fill in.
"""
import argparse
import platform
import statistics
import subprocess
import sys
import time

LOOP = "x = 0\nfor i in range(3000000):\n    x = (x + i * i) % 1000003\n"


def steal_ticks():
    try:
        with open("/proc/stat") as f:
            fields = f.readline().split()
        return int(fields[8])
    except (OSError, IndexError, ValueError):
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=12)
    ap.add_argument("--out")
    args = ap.parse_args()
    cmd = [sys.executable, "-c", LOOP]
    ratios, alone, pair = [], [], []
    steal0 = steal_ticks()
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True)
        t1 = time.perf_counter() - t0
        t0 = time.perf_counter()
        procs = [subprocess.Popen(cmd) for _ in range(2)]
        for p in procs:
            p.wait()
        t2 = time.perf_counter() - t0
        alone.append(t1)
        pair.append(t2)
        ratios.append(2 * t1 / t2)
    steal1 = steal_ticks()
    lines = [
        "# bench/tools/machine_parallelism.py, %s" % time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "# machine: %s %s, %s" % (platform.system(), platform.release(), platform.machine()),
        "# command: python3 bench/tools/machine_parallelism.py --rounds %d" % args.rounds,
        "# 2 x t(one process alone) / t(two processes at once), %s running the same loop" % sys.executable,
        "rounds: " + " ".join("%.2f" % r for r in ratios),
        "median %.2f, min %.2f, max %.2f; rounds below 1.9: %d of %d"
        % (statistics.median(ratios), min(ratios), max(ratios),
           sum(r < 1.9 for r in ratios), len(ratios)),
        "one process alone: median %.1f ms [%.1f-%.1f]"
        % (statistics.median(alone) * 1e3, min(alone) * 1e3, max(alone) * 1e3),
    ]
    if steal0 is not None and steal1 is not None:
        lines.append("steal time reported by the guest kernel: %d ticks" % (steal1 - steal0))
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()

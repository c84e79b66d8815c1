#!/usr/bin/env python3
"""Single-thread benchmark: gilgamesh (GIL mode) vs CPython on bench/programs/*.py.

    python3 bench/single_thread.py [--gilgamesh PATH] [--python PATH] [--repeat N]
                                   [--programs a,b] [--json OUT] [--scale N]
                                   [--warmup N] [--timeout SECONDS]

For every program the two interpreters are run interleaved (gilgamesh, cpython,
gilgamesh, cpython, ...), each run timed as wall-clock seconds with
time.perf_counter() around subprocess.run.  gilgamesh is invoked as
``GILGAMESH run --mode gil PROGRAM [SCALE]`` and CPython as ``PYTHON PROGRAM [SCALE]``.
Both stdouts must be identical; a mismatch, a non-zero exit, a timeout or a
missing binary marks that program FAIL and the script moves on.

Output: a table (program, cpython median (min-max), gilgamesh median (min-max),
ratio gilgamesh/cpython of medians), then the geometric mean of the ratios and the
worst ratio over the programs that passed.  --json writes the raw results.
Exit status is 0 when every program passed, 1 otherwise.
"""
import argparse
import datetime
import json
import math
import os
import platform
import statistics
import shlex
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PROGRAMS_DIR = os.path.join(HERE, "programs")


def list_programs():
    return sorted(fn[:-3] for fn in os.listdir(PROGRAMS_DIR)
                  if fn.endswith(".py") and not fn.startswith("_"))


def timed_run(cmd, timeout):
    """Run cmd; return dict(time, rc, stdout, stderr, error)."""
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout, cwd=REPO)
    except FileNotFoundError as e:
        return {"time": None, "rc": None, "stdout": b"", "stderr": b"", "error": "not found: %s" % e}
    except PermissionError as e:
        return {"time": None, "rc": None, "stdout": b"", "stderr": b"", "error": "cannot execute: %s" % e}
    except subprocess.TimeoutExpired:
        return {"time": time.perf_counter() - t0, "rc": None, "stdout": b"", "stderr": b"",
                "error": "timeout after %ss" % timeout}
    elapsed = time.perf_counter() - t0
    err = None if proc.returncode == 0 else "exit status %d" % proc.returncode
    return {"time": elapsed, "rc": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr, "error": err}


def summarize(times):
    if not times:
        return None
    return {"median": statistics.median(times), "min": min(times), "max": max(times)}


def fmt_stats(s):
    if s is None:
        return "-"
    return "%.3f (%.3f-%.3f)" % (s["median"], s["min"], s["max"])


def machine_info(python):
    try:
        uname = subprocess.run(["uname", "-a"], stdout=subprocess.PIPE, text=True).stdout.strip()
    except OSError:
        uname = " ".join(platform.uname())
    try:
        cpy = subprocess.run(shlex.split(python) + ["-c", "import sys; print(sys.version.replace(chr(10), ' '))"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True).stdout.strip()
    except OSError:
        cpy = "unavailable"
    return {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "uname": uname, "nproc": os.cpu_count(), "cpython_version": cpy}


def bench_program(name, args):
    path = os.path.join(PROGRAMS_DIR, name + ".py")
    extra = [str(args.scale)] if args.scale is not None else []
    gcmd = [args.gilgamesh, "run"] + shlex.split(args.mode) + [path] + extra
    pcmd = shlex.split(args.python) + [path] + extra
    result = {"program": name, "gilgamesh_cmd": gcmd, "cpython_cmd": pcmd,
              "cpython_times": [], "gilgamesh_times": [], "status": "ok", "error": None}
    g_alive = True
    reference = None

    def fail(msg):
        nonlocal g_alive
        if result["status"] == "ok":
            result["status"] = "FAIL"
            result["error"] = msg
        g_alive = False

    for i in range(args.warmup + args.repeat):
        timed = i >= args.warmup
        if g_alive:
            g = timed_run(gcmd, args.timeout)
            if g["error"]:
                tail = g["stderr"].decode("utf-8", "replace").strip().splitlines()[-1:] if g["stderr"] else []
                fail("gilgamesh: %s%s" % (g["error"], (" | " + tail[0]) if tail else ""))
            elif reference is not None and g["stdout"] != reference:
                fail("output mismatch (gilgamesh vs cpython)")
            elif timed:
                result["gilgamesh_times"].append(g["time"])
            if g_alive and reference is None:
                gout = g["stdout"]
        p = timed_run(pcmd, args.timeout)
        if p["error"]:
            result["status"] = "FAIL"
            result["error"] = "cpython: %s" % p["error"]
            break
        if reference is None:
            reference = p["stdout"]
            if g_alive and gout != reference:
                fail("output mismatch (gilgamesh vs cpython)")
        elif p["stdout"] != reference:
            result["status"] = "FAIL"
            result["error"] = "cpython output not deterministic"
            break
        if timed:
            result["cpython_times"].append(p["time"])
    result["cpython"] = summarize(result["cpython_times"])
    result["gilgamesh"] = summarize(result["gilgamesh_times"]) if result["status"] == "ok" else None
    if result["status"] == "ok" and result["cpython"] and result["gilgamesh"]:
        result["ratio"] = result["gilgamesh"]["median"] / result["cpython"]["median"]
    else:
        result["ratio"] = None
    result["output"] = reference.decode("utf-8", "replace").strip() if reference else None
    return result


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gilgamesh", default=os.path.join(REPO, "target", "release", "gilgamesh"))
    ap.add_argument("--python", default="python3",
                    help="the baseline command (split like a shell would), e.g. a CPython, "
                         "or 'target/release/gilgamesh run --mode gil' to measure a mode's overhead")
    ap.add_argument("--mode", default="--mode gil",
                    help="gilgamesh's mode options (default '--mode gil'), e.g. '--mode nogil --gil 1'")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=0, help="untimed interleaved run pairs first (default 0)")
    ap.add_argument("--programs", default=None, help="comma-separated subset, e.g. nbody,richards")
    ap.add_argument("--scale", type=int, default=None, help="pass this scale as argv[1] to every program")
    ap.add_argument("--timeout", type=float, default=300.0, help="per-run timeout in seconds")
    ap.add_argument("--json", default=None, metavar="OUT", help="write raw results as JSON")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be >= 1")

    available = list_programs()
    if args.programs:
        names = [n.strip() for n in args.programs.split(",") if n.strip()]
        unknown = [n for n in names if n not in available]
        if unknown:
            ap.error("unknown program(s): %s (available: %s)" % (", ".join(unknown), ", ".join(available)))
    else:
        names = available

    info = machine_info(args.python)
    print("# %s | %s | nproc %s" % (info["date"], info["uname"], info["nproc"]))
    print("# baseline (--python): %s: %s" % (args.python, info["cpython_version"] or "version unknown"))
    print("# gilgamesh: %s (run %s), repeat %d%s" % (
        args.gilgamesh, args.mode, args.repeat, ", warmup %d" % args.warmup if args.warmup else ""))
    if not os.path.exists(args.gilgamesh):
        print("# warning: gilgamesh binary not found; every program will be marked FAIL")

    header = "%-15s %-28s %-28s %8s" % ("program", "baseline s median (min-max)", "gilgamesh s median (min-max)", "ratio")
    print(header)
    print("-" * len(header))
    results = []
    for name in names:
        r = bench_program(name, args)
        results.append(r)
        ratio = "%.2fx" % r["ratio"] if r["ratio"] is not None else "FAIL"
        print("%-15s %-28s %-28s %8s" % (name, fmt_stats(r["cpython"]), fmt_stats(r["gilgamesh"]), ratio))
        if r["status"] != "ok":
            print("    %s" % r["error"])
        sys.stdout.flush()

    ratios = [(r["ratio"], r["program"]) for r in results if r["ratio"] is not None]
    print("-" * len(header))
    failed = [r["program"] for r in results if r["status"] != "ok"]
    geomean = worst = None
    if ratios:
        geomean = math.exp(sum(math.log(x) for x, _ in ratios) / len(ratios))
        worst = max(ratios)
        print("geometric mean ratio (gilgamesh/baseline): %.3fx over %d program(s)" % (geomean, len(ratios)))
        print("worst ratio: %.3fx (%s)" % worst)
    else:
        print("no successful programs; no ratios")
    if failed:
        print("FAILED: %s" % ", ".join(failed))

    if args.json:
        doc = dict(info)
        doc.update({
            "gilgamesh": args.gilgamesh, "python": args.python, "repeat": args.repeat,
            "warmup": args.warmup, "scale": args.scale,
            "geomean_ratio": geomean,
            "worst_ratio": {"ratio": worst[0], "program": worst[1]} if worst else None,
            "failed": failed,
            "results": results,
        })
        with open(args.json, "w") as f:
            json.dump(doc, f, indent=2)
            f.write("\n")
        print("wrote %s" % args.json)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

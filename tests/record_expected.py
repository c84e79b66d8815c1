#!/usr/bin/env python3
"""Record (or check) expected outputs for the conformance corpus in tests/programs/.

Conventions
-----------
* Every ``*.py`` file under ``tests/programs/`` is a test program, EXCEPT helpers:
  - any file whose name starts with ``_`` (``_helper.py``, ``__init__.py``), and
  - anything inside a directory whose name starts with ``_`` (helper packages such
    as ``imports/_shapes/``) or ``.`` (and ``__pycache__``).
* A program is run as ``python3 NAME.py`` with the working directory set to the
  program's own directory, so ``sys.argv == ["NAME.py"]`` and sibling helper
  modules are importable.
* ``NAME.expected`` (next to the program) holds the exact stdout bytes.
* Programs under ``tests/programs/errors/`` additionally get
  - ``NAME.expected_stderr``: only the LAST non-empty line of stderr followed by a
    newline (e.g. ``ValueError: bad value``), or an empty file when stderr is empty;
  - ``NAME.expected_exit``: the process exit status as decimal text plus newline.
  Everywhere else a program must exit with status 0 (stderr is not recorded).
* Programs under ``tests/programs/subinterp/`` test ``concurrent.interpreters``
  (PEP 734), which needs CPython 3.14+. They are recorded with the interpreter
  named by the ``SUBINTERP_PYTHON`` environment variable (default
  ``/opt/refpy/gil/bin/python3.13``) instead of ``--python``; on 3.13 their
  helper ``subinterp/_interp_compat.py`` rebuilds the 3.14 API over the
  private ``_interpreters``/``_interpqueues`` modules. When that interpreter is
  missing they are reported as SKIPPED (not failed, expectations untouched).
* ``tests/programs/benchmarks/NAME.py`` are small-scale copies of
  ``bench/programs/NAME.py`` (only the ``DEFAULT_SCALE = ...`` line and the first
  comment line differ). ``--sync-benchmarks`` regenerates them; ``--check``
  reports copies that drifted.

Usage
-----
    python3 tests/record_expected.py              # (re)write expectations that changed
    python3 tests/record_expected.py --check      # report stale/missing/orphaned; exit 1 if any
    python3 tests/record_expected.py --determinism  # also run twice with different hash seeds
    python3 tests/record_expected.py basics strings/slicing.py   # restrict to matching paths
    python3 tests/record_expected.py --sync-benchmarks
    SUBINTERP_PYTHON=/path/to/python3.14 python3 tests/record_expected.py subinterp

The script is idempotent: files are only rewritten when their content changes.
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "programs")
REPO = os.path.dirname(HERE)
BENCH_DIR = os.path.join(REPO, "bench", "programs")
TEST_BENCH_DIR = os.path.join(ROOT, "benchmarks")
ERRORS_DIR = "errors"
SUBINTERP_DIR = "subinterp"
DEFAULT_SUBINTERP_PYTHON = "/opt/refpy/gil/bin/python3.13"
TIMEOUT = 60

# Small scales used for the conformance copies of the benchmarks.
SMALL_SCALES = {
    "richards": 1,
    "nbody": 1000,
    "fannkuch": 7,
    "spectral_norm": 50,
    "float": 5000,
    "nqueens": 7,
    "pidigits": 300,
    "generators": 5000,
    "fib_recursive": 18,
    "dict_ops": 5000,
    "str_ops": 2000,
    "list_sort": 3000,
    "class_attr": 5000,
    "closures": 5000,
}


def is_helper_dir(name):
    return name.startswith("_") or name.startswith(".")


def discover(root=ROOT):
    """Return sorted list of program paths relative to root (posix separators)."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not is_helper_dir(d))
        for fn in sorted(filenames):
            if fn.endswith(".py") and not fn.startswith("_"):
                rel = os.path.relpath(os.path.join(dirpath, fn), root)
                found.append(rel.replace(os.sep, "/"))
    return sorted(found)


def is_error_program(rel):
    return rel.split("/")[0] == ERRORS_DIR


def subinterp_python():
    """The reference interpreter for subinterp/ programs, or None if it is missing."""
    python = os.environ.get("SUBINTERP_PYTHON") or DEFAULT_SUBINTERP_PYTHON
    found = shutil.which(python)
    return found if found and os.access(found, os.X_OK) else None


def python_for(rel, default):
    """The interpreter that records rel: None means skip it."""
    if rel.split("/")[0] == SUBINTERP_DIR:
        return subinterp_python()
    return default


def run_program(python, rel, hashseed=None):
    path = os.path.join(ROOT, rel)
    env = dict(os.environ)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONUTF8"] = "1"
    env.pop("PYTHONSTARTUP", None)
    env.pop("PYTHONPATH", None)
    if hashseed is not None:
        env["PYTHONHASHSEED"] = str(hashseed)
    try:
        proc = subprocess.run(
            [python, os.path.basename(path)],
            cwd=os.path.dirname(path),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return None, b"", b"timeout after %ds" % TIMEOUT
    return proc.returncode, proc.stdout, proc.stderr


def last_stderr_line(stderr):
    lines = [l for l in stderr.decode("utf-8", "replace").splitlines() if l.strip()]
    return (lines[-1].rstrip() + "\n") if lines else ""


def expectations_for(rel, rc, out, err):
    """Map of expectation-file path -> bytes for one program run."""
    base = os.path.join(ROOT, rel[:-3])
    files = {base + ".expected": out}
    if is_error_program(rel):
        files[base + ".expected_stderr"] = last_stderr_line(err).encode("utf-8")
        files[base + ".expected_exit"] = ("%d\n" % rc).encode()
    return files


def read_bytes(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


def orphaned_expectations(programs):
    wanted = set()
    for rel in programs:
        base = os.path.join(ROOT, rel[:-3])
        wanted.add(base + ".expected")
        if is_error_program(rel):
            wanted.add(base + ".expected_stderr")
            wanted.add(base + ".expected_exit")
    orphans = []
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = [d for d in dirnames if not is_helper_dir(d)]
        for fn in filenames:
            if re.search(r"\.expected(_stderr|_exit)?$", fn):
                p = os.path.join(dirpath, fn)
                if p not in wanted:
                    orphans.append(p)
    return sorted(orphans)


# ---------------------------------------------------------------- benchmark copies

def benchmark_copy_text(name, scale):
    with open(os.path.join(BENCH_DIR, name + ".py"), encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    if lines and lines[0].startswith("# bench: "):
        lines[0] = "# benchmarks: small-scale copy of bench/programs/%s.py - %s" % (
            name, lines[0][len("# bench: "):])
    text = "\n".join(lines)
    text, n = re.subn(r"(?m)^DEFAULT_SCALE = .*$", "DEFAULT_SCALE = %d" % scale, text, count=1)
    if n != 1:
        raise SystemExit("bench/programs/%s.py has no DEFAULT_SCALE line" % name)
    return text


def benchmark_copies():
    out = {}
    if not os.path.isdir(BENCH_DIR):
        return out
    for fn in sorted(os.listdir(BENCH_DIR)):
        if fn.endswith(".py") and not fn.startswith("_"):
            name = fn[:-3]
            if name not in SMALL_SCALES:
                print("warning: no small scale for bench/programs/%s; not copied" % fn)
                continue
            out[os.path.join(TEST_BENCH_DIR, fn)] = benchmark_copy_text(name, SMALL_SCALES[name])
    return out


# ---------------------------------------------------------------- main

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("filters", nargs="*", help="only programs whose relative path contains one of these")
    ap.add_argument("--check", action="store_true", help="do not write; report stale expectations, exit 1 if any")
    ap.add_argument("--python", default="python3", help="reference interpreter (default: python3)")
    ap.add_argument("--determinism", action="store_true",
                    help="run each program a second time with a different PYTHONHASHSEED and flag differences")
    ap.add_argument("--prune", action="store_true", help="delete orphaned expectation files")
    ap.add_argument("--sync-benchmarks", action="store_true",
                    help="regenerate tests/programs/benchmarks/*.py from bench/programs/*.py")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args(argv)

    problems = 0

    copies = benchmark_copies()
    for path, text in copies.items():
        cur = read_bytes(path)
        if cur == text.encode("utf-8"):
            continue
        rel = os.path.relpath(path, REPO)
        if args.sync_benchmarks:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            print("synced   %s" % rel)
        else:
            print("DRIFT    %s differs from its bench/programs source (use --sync-benchmarks)" % rel)
            problems += 1

    programs = discover()
    if args.filters:
        programs = [p for p in programs if any(f in p for f in args.filters)]
    if not programs:
        print("no programs matched")
        return 1

    def work(rel):
        python = python_for(rel, args.python)
        if python is None:
            return rel, "skipped", b"", b"", None
        rc, out, err = run_program(python, rel, hashseed=0 if args.determinism else None)
        second = None
        if args.determinism:
            second = run_program(python, rel, hashseed=12345)
        return rel, rc, out, err, second

    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        for r in ex.map(work, programs):
            results.append(r)

    written = unchanged = stale = skipped = 0
    for rel, rc, out, err, second in results:
        if rc == "skipped":
            print("SKIPPED  %s (no reference interpreter %s; set SUBINTERP_PYTHON to CPython 3.13+)" % (
                rel, os.environ.get("SUBINTERP_PYTHON") or DEFAULT_SUBINTERP_PYTHON))
            skipped += 1
            continue
        if rc is None:
            print("TIMEOUT  %s" % rel)
            problems += 1
            continue
        if not is_error_program(rel) and rc != 0:
            print("FAILED   %s (exit %d)\n%s" % (rel, rc, err.decode("utf-8", "replace")[-2000:]))
            problems += 1
            continue
        if second is not None and (second[0], second[1]) != (rc, out):
            print("NONDETERMINISTIC %s (output differs between hash seeds)" % rel)
            problems += 1
        for path, data in expectations_for(rel, rc, out, err).items():
            cur = read_bytes(path)
            if cur == data:
                unchanged += 1
                continue
            if args.check:
                print("%s %s" % ("MISSING " if cur is None else "STALE   ", os.path.relpath(path, REPO)))
                stale += 1
            else:
                with open(path, "wb") as f:
                    f.write(data)
                print("wrote    %s" % os.path.relpath(path, REPO))
                written += 1

    if not args.filters:
        for p in orphaned_expectations(discover()):
            if args.prune and not args.check:
                os.remove(p)
                print("pruned   %s" % os.path.relpath(p, REPO))
            else:
                print("ORPHAN   %s (no matching program)" % os.path.relpath(p, REPO))
                if args.check:
                    problems += 1

    print("%d programs, %d expectation files up to date, %d %s, %d problems%s" % (
        len(programs), unchanged, stale if args.check else written,
        "stale" if args.check else "written", problems,
        ", %d skipped" % skipped if skipped else ""))
    return 1 if (problems or stale) else 0


if __name__ == "__main__":
    sys.exit(main())

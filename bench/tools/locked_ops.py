#!/usr/bin/env python3
"""Counts the atomic read-modify-write instructions a run executed, by function.

x86-64 only. Every `lock`-prefixed instruction and every `xchg` with memory
(implicitly locked) is such an operation: a compare-exchange, fetch-add,
swap. Uncontended they still cost more than a plain load and store, so
their number per loop iteration is one of the figures to compare between
two runtimes or two builds.

    valgrind --tool=callgrind --dump-instr=yes --compress-pos=no \\
        --compress-strings=no --callgrind-out-file=run.cg \\
        target/release/gilgamesh run --mode nogil PROGRAM [ARGS]
    python3 bench/tools/locked_ops.py run.cg target/release/gilgamesh

Prints the total and the functions that executed the most (with inlining,
the function is the one the instruction was inlined into). Run it at two
scales of the same program and subtract to get the count per iteration.
"""
import collections
import re
import subprocess
import sys


def locked_addresses(binary):
    out = subprocess.run(["objdump", "-d", "--no-show-raw-insn", binary],
                         capture_output=True, text=True, check=True).stdout
    addrs = set()
    for line in out.splitlines():
        m = re.match(r"^\s+([0-9a-f]+):\s+(lock |xchg\s+\S*\(.*\))", line)
        if m:
            addrs.add(int(m.group(1), 16))
    return addrs


def count(cg_file, addrs):
    per_fn = collections.Counter()
    fn = "?"
    after_call = False
    for line in open(cg_file):
        if line.startswith("fn="):
            fn = line[3:].strip()
            continue
        if line.startswith("calls="):
            # The next cost line is the call's inclusive cost, not an
            # instruction of this function.
            after_call = True
            continue
        m = re.match(r"^0x([0-9a-f]+) \d+ (\d+)", line)
        if m:
            if after_call:
                after_call = False
                continue
            if int(m.group(1), 16) in addrs:
                per_fn[fn] += int(m.group(2))
    return per_fn


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    per_fn = count(sys.argv[1], locked_addresses(sys.argv[2]))
    print("locked instructions executed: %d" % sum(per_fn.values()))
    for fn, n in per_fn.most_common(12):
        print("%10d  %s" % (n, fn[:110]))


if __name__ == "__main__":
    main()

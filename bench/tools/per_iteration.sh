#!/bin/bash
# Instructions per loop iteration of a micro-program (bench/micro/*.py), for
# gilgamesh and for CPython, by callgrind: the program runs at 100,000 and
# 200,000 iterations and the difference is divided by 100,000, so start-up
# cancels out. Subtract loop.py's figure for the operation alone.
#
# usage: bench/tools/per_iteration.sh PROGRAM.py [GILGAMESH] [MODE] [PYTHON]
set -euo pipefail
HERE=$(cd "$(dirname "$0")/../.." && pwd)
P=$1
BIN=${2:-$HERE/target/release/gilgamesh}
MODE=${3:-gil}
PY=${4:-$(python3 -c 'import sys; print(sys.executable)')}
ic() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null \
    | grep "refs:" | awk '{print $4}' | tr -d ,
}
g=$(( ($(ic "$BIN" run --mode "$MODE" "$P" 200000) - $(ic "$BIN" run --mode "$MODE" "$P" 100000)) / 100000 ))
c=$(( ($(ic "$PY" "$P" 200000) - $(ic "$PY" "$P" 100000)) / 100000 ))
echo "$(basename "$P"): gilgamesh $g, cpython $c instructions per iteration"

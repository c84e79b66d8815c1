#!/bin/bash
# Peak resident memory (max RSS, KiB, from /usr/bin/time -v) of each
# single-thread program (bench/programs/*.py at its default scale) under
# gilgamesh and under CPython, the best of REPEAT runs each.
#
# usage: bench/tools/peak_memory.sh [GILGAMESH] [MODE] [PYTHON] [REPEAT]
set -euo pipefail
HERE=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:-$HERE/target/release/gilgamesh}
MODE=${2:-gil}
PY=${3:-$(python3 -c 'import sys; print(sys.executable)')}
REPEAT=${4:-2}
peak() {
  local best=""
  for _ in $(seq "$REPEAT"); do
    local k
    k=$( /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident set size/ {print $6}')
    if [ -z "$best" ] || [ "$k" -lt "$best" ]; then best=$k; fi
  done
  echo "$best"
}
echo "# $(date -u +%FT%TZ) max RSS KiB, best of $REPEAT; gilgamesh: $BIN --mode $MODE; baseline: $PY ($("$PY" -c 'import sys; print(sys.version.split()[0])'))"
for f in "$HERE"/bench/programs/*.py; do
  p=$(basename "$f" .py)
  case $p in _*) continue;; esac
  g=$(peak "$BIN" run --mode "$MODE" "$f")
  c=$(peak "$PY" "$f")
  printf '%-15s gilgamesh %8s  cpython %8s  ratio %s\n' "$p" "$g" "$c" "$(python3 -c "print('%.2f' % ($g / $c))")"
done

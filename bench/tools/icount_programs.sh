#!/bin/bash
# Instructions executed per program, gilgamesh against CPython, by callgrind.
#
# Each program runs at two scales and the difference is reported, so start-up
# (parsing, module set-up) cancels out; the ratio gilgamesh/CPython is then a
# deterministic measure of the work per unit of the benchmark, repeatable when
# wall time on this VM is not (docs/performance.md).
#
# usage: bench/tools/icount_programs.sh [GILGAMESH] [MODE] [PYTHON]
#   PROGS="nbody richards" restricts the programs (default: all in bench/programs).
set -euo pipefail
HERE=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:-$HERE/target/release/gilgamesh}
MODE=${2:-gil}
PY=${3:-$(python3 -c 'import sys; print(sys.executable)')}
# Two scales per program, small enough for callgrind (about 50x slower).
declare -A S1=( [class_attr]=20000 [closures]=30000 [dict_ops]=24000 [fannkuch]=6
  [fib_recursive]=18 [float]=10000 [generators]=20000 [list_sort]=4000 [nbody]=2400
  [nqueens]=6 [pidigits]=200 [richards]=1 [spectral_norm]=20 [str_ops]=12000 )
declare -A S2=( [class_attr]=60000 [closures]=90000 [dict_ops]=72000 [fannkuch]=7
  [fib_recursive]=21 [float]=30000 [generators]=60000 [list_sort]=12000 [nbody]=7200
  [nqueens]=7 [pidigits]=600 [richards]=3 [spectral_norm]=60 [str_ops]=36000 )
ic() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null \
    | grep "refs:" | awk '{print $4}' | tr -d ,
}
echo "# $(date -u +%FT%TZ) gilgamesh: $BIN --mode $MODE; baseline: $PY ($("$PY" -c 'import sys; print(sys.version.split()[0])'))"
for p in ${PROGS:-$(printf '%s\n' "${!S1[@]}" | sort)}; do
  f=$HERE/bench/programs/$p.py
  g=$(( $(ic "$BIN" run --mode "$MODE" "$f" "${S2[$p]}") - $(ic "$BIN" run --mode "$MODE" "$f" "${S1[$p]}") ))
  c=$(( $(ic "$PY" "$f" "${S2[$p]}") - $(ic "$PY" "$f" "${S1[$p]}") ))
  python3 -c "print(f'{\"$p\":15s} gilgamesh {$g:>14,}  cpython {$c:>14,}  ratio {$g/$c:.2f}')"
done

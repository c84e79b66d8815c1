#!/usr/bin/env bash
# Developer tool: runs conformance programs against a built gilgamesh binary and
# prints the failing ones. Usage: tests/quick_check.sh [PATH-SUBSTRING...]
# (BIN=path/to/gilgamesh to choose the binary; default target/debug/gilgamesh).
# The authoritative check is `cargo test` (tests/conformance.rs).
root=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$root/target/debug/gilgamesh}
pass=0; fail=0
while IFS= read -r f; do
  if [ $# -gt 0 ]; then
    m=0; for pat in "$@"; do [[ $f == *$pat* ]] && m=1; done
    [ $m = 1 ] || continue
  fi
  d=$(dirname "$f"); b=$(basename "$f" .py)
  [ -f "$d/$b.expected" ] || continue
  err=$(mktemp)
  out=$(cd "$d" && timeout 20 "$BIN" "$b.py" 2>"$err")
  rc=$?
  ok=1
  [ "$out" == "$(cat "$d/$b.expected")" ] || ok=0
  if [ -f "$d/$b.expected_exit" ]; then
    [ "$rc" = "$(cat "$d/$b.expected_exit")" ] || ok=0
    [ "$(grep -v '^$' "$err" | tail -1)" == "$(grep -v '^$' "$d/$b.expected_stderr" | tail -1)" ] || ok=0
  else
    [ $rc = 0 ] || ok=0
  fi
  if [ $ok = 1 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL ${f#$root/tests/programs/} (exit $rc): $(grep -v '^$' "$err" | tail -1 | cut -c1-150)"; fi
  rm -f "$err"
done < <(find "$root/tests/programs" -name '*.py' ! -name '_*' ! -path '*/_*' | sort)
echo "$pass passed, $fail failed"

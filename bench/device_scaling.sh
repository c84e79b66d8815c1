#!/bin/bash
# Free-threading scaling at 4, 8 and 16 threads on a borrowed many-core
# machine (the `device` tool's 16-core machines; nothing here needs one).
#
#   bash bench/device_scaling.sh prepare   # here: .dev/ with a stripped
#                                          # gilgamesh and a trimmed 3.13t
#   bash bench/device_scaling.sh run       # there, with .dev carried and
#                                          # $OUT set: tables into $OUT
#
# `prepare` needs `cargo build --release` and ../shared/tools/build-refpy.sh
# done; .dev/ is ignored by git (add `/.dev/` to .git/info/exclude) and is
# about 28 MB. `run` first checks how parallel the machine is right now
# (bench/tools/machine_parallelism.py), then writes bench/ft_scaling.py's
# report and bench/subinterp.py's at 2 threads (T2=0 skips; T2_SCALE, default
# 250; T2_REPEAT, default 5), then for each thread count (THREADS, default
# "16 8 4"; REPEAT, default 3; SCALE, default 100), bench/subinterp.py with
# that many interpreters (beside 3.13t's _interpreters), then runs the
# free-threading stress programs with 16 threads instead of 4 (STRESS=0 skips
# them). A stage that would start after BUDGET seconds (default 480) is
# skipped, so the files written so far come back within the device's limit.
# The CPU topology (lscpu) goes to $OUT/cpu.txt; all subinterp.py reports go
# to one file, since the device returns at most 8 files (capture the
# command's own output in the reply, not in a ninth file).
set -e
case "$1" in
prepare)
    rm -rf .dev && mkdir -p .dev/py/bin .dev/py/lib
    cp target/release/gilgamesh .dev/gilgamesh && strip .dev/gilgamesh
    cp /opt/refpy/ft/bin/python3.13t .dev/py/bin/ && strip .dev/py/bin/python3.13t
    cp -a /opt/refpy/ft/lib/python3.13t .dev/py/lib/
    # test/support/interpreters stays: 3.13's _interpqueues raises its
    # QueueEmpty, which bench/subinterp.py catches.
    (cd .dev/py/lib/python3.13t && find test -mindepth 1 -maxdepth 1 ! -name support ! -name __init__.py \
            -exec rm -rf {} + && rm -rf config-* idlelib tkinter turtledemo \
        ensurepip site-packages pydoc_data _pyrepl \
        && find . -name __pycache__ -type d -prune -exec rm -rf {} + \
        && strip lib-dynload/*.so)
    printf '#!/bin/sh\nD=$(cd "$(dirname "$0")" && pwd)\nPYTHONHOME="$D/py" exec "$D/py/bin/python3.13t" "$@"\n' > .dev/py313t
    chmod +x .dev/py313t
    du -sh .dev
    ;;
run)
    export PYTHONUNBUFFERED=1
    G=$PWD/.dev/gilgamesh
    PY=$PWD/.dev/py313t
    BUDGET=${BUDGET:-480} # seconds; a stage that would start later is skipped
    left() { [ "$SECONDS" -lt "$BUDGET" ] || { echo "skipped after ${SECONDS}s: $*"; false; }; }
    nproc
    (lscpu || cat /proc/cpuinfo) > "$OUT/cpu.txt" 2>&1 || true
    # Two independent processes first: the ceiling any runtime can show now.
    left parallelism && python3 bench/tools/machine_parallelism.py --rounds 6 --out "$OUT/parallelism.txt" || true
    # The 2-thread bar of issue 4 and the 2-interpreter bar of issue 5,
    # longer runs than the many-thread ones (T2_SCALE, T2_REPEAT).
    if [ "${T2:-1}" = 1 ] && left "ft t2"; then
        python3 bench/ft_scaling.py --gilgamesh "$G" --python-ft "$PY" --threads 2 \
            --scale "${T2_SCALE:-250}" --repeat "${T2_REPEAT:-5}" --configs nogil,cpython-ft \
            --out "$OUT/ft_scaling_t2.txt" || echo "ft_scaling t2 failed"
    fi
    if [ "${T2:-1}" = 1 ] && left "subinterp k2"; then
        python3 bench/subinterp.py --gilgamesh "$G" --python "$PY" --interps 2 \
            --repeat 3 >> "$OUT/subinterp.txt" 2>&1 || true
    fi
    for t in ${THREADS:-16 8 4}; do
        [ "${FT:-1}" = 0 ] && break
        left "ft t$t" || break
        python3 bench/ft_scaling.py --gilgamesh "$G" --python-ft "$PY" --threads "$t" \
            --scale "${SCALE:-100}" --repeat "${REPEAT:-3}" --configs nogil,cpython-ft \
            --out "$OUT/ft_scaling_t$t.txt" || echo "ft_scaling t$t failed"
    done
    for t in ${THREADS:-16 8 4}; do
        left "subinterp k$t" || break
        python3 bench/subinterp.py --gilgamesh "$G" --python "$PY" --interps "$t" \
            --repeat 1 >> "$OUT/subinterp.txt" 2>&1 || true
    done
    left stress || exit 0
    [ "${STRESS:-1}" = 0 ] && exit 0
    mkdir -p /tmp/stress16
    for f in tests/free_threading/*.py; do
        sed -E 's/^T, N = 4,/T, N = 16,/' "$f" > "/tmp/stress16/$(basename "$f")"
    done
    for cfg in "--mode nogil" "--mode nogil --refcount atomic"; do
        for f in /tmp/stress16/*.py; do
            # shellcheck disable=SC2086
            if out=$(timeout 120 "$G" run $cfg "$f" 2>&1) && [ "$(echo "$out" | tail -1)" = ok ]; then
                echo "ok $cfg $(basename "$f")"
            else
                echo "FAIL $cfg $(basename "$f"): $(echo "$out" | tail -5)"
            fi
        done
    done | tee "$OUT/stress16.txt"
    ;;
*)
    echo "usage: bash bench/device_scaling.sh prepare|run" >&2
    exit 2
    ;;
esac

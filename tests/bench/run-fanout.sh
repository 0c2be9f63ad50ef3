#!/usr/bin/env bash
# Runs the group fan-out benchmark against a fresh natterd on loopback: a
# group of MEMBERS (each online on its own connection), messages into it at
# each rate of RATES, then as fast as a window of 4 allows (the maximum
# deliveries/s). One JSON line per run; natterd's CPU per delivery in each.
#
#   tests/bench/run-fanout.sh [BUILD_DIR] [-- extra natter-bench options]
#
# Environment: MEMBERS (500), RATES ("10 50 100"), DURATION (10), WARMUP (2),
# PIN (1: natterd on CPU 0 and the bench on CPU 1; 0: both share every core).
# natterd runs with the bench config of bench-lib.sh (register limits
# raised, Argon2id at its minimum cost: only the set-up is faster) and
# [groups] max_members raised to MEMBERS when that is over the default.
set -euo pipefail

BUILD_DIR=${1:-./build}
shift || true
[[ "${1:-}" == "--" ]] && shift
MEMBERS=${MEMBERS:-500}
RATES=${RATES:-"10 50 100"}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}

NATTERD="$BUILD_DIR/server/natterd"
BENCH="$BUILD_DIR/tests/bench/natter-bench"
# shellcheck source=bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"
bench_require run-fanout.sh "$NATTERD" "$BENCH"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/natter-bench.XXXXXX")
NATTERD_PID=""
cleanup() {
    pid_stop "$NATTERD_PID"
    rm -rf "$TMP"
}
trap cleanup EXIT

bench_natterd_ini "$TMP/natterd.ini" 100000 100000
printf '[groups]\nmax_members=%s\n' "$(( MEMBERS > 2000 ? MEMBERS : 2000 ))" >> "$TMP/natterd.ini"

# natterd on CPU 0, the bench on CPU 1 (when there are two and taskset exists).
bench_pin_cpus
natterd_start "$NATTERD" "$TMP" "$TMP/natterd.ini" || exit 1
echo "natterd pid $NATTERD_PID at $NATTERD_URL (pinned: ${SERVER_PIN[*]:-no})" >&2

run_bench() {
    # The bench raises nothing itself: MEMBERS connections need that many files.
    (
        ulimit -n "$(ulimit -Hn)"
        "${LOAD_PIN[@]}" timeout $((DURATION + WARMUP + 300)) "$BENCH" fanout \
            --server "$NATTERD_URL" --members "$MEMBERS" --duration "$DURATION" \
            --warmup "$WARMUP" --server-pid "$NATTERD_PID" "$@"
    )
}

for rate in $RATES; do
    run_bench --rate "$rate" "$@"
done
run_bench --rate 0 --window 4 "$@"

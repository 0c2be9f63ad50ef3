#!/usr/bin/env bash
# Runs the 1:1 end-to-end benchmark against a fresh natterd on loopback:
# first at full speed (window-limited), then paced at half the measured
# delivered rate for latency. Prints both JSON lines and natterd's CPU time.
#
#   tests/bench/run-p2p.sh [BUILD_DIR] [-- extra natter-bench options]
#
# Environment: PAIRS (50), WINDOW (8), DURATION (10), WARMUP (2),
# SYNCHRONOUS (natterd [storage] synchronous; unset = natterd default).
# natterd runs with its default config except: the per-IP register/login
# limit is raised (the bench registers 2*PAIRS users from one address), the
# per-device request limit is raised (at the default 500/s, 50 senders could
# not pass 25,000 msgs/s: the limiter, not the server, would set the maximum)
# and Argon2id uses its minimum cost (only makes setup fast; not measured).
set -euo pipefail

BUILD_DIR=${1:-./build}
shift || true
[[ "${1:-}" == "--" ]] && shift
PAIRS=${PAIRS:-50}
WINDOW=${WINDOW:-8}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}

NATTERD="$BUILD_DIR/server/natterd"
BENCH="$BUILD_DIR/tests/bench/natter-bench"
# shellcheck source=bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"
bench_require run-p2p.sh "$NATTERD" "$BENCH"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/natter-bench.XXXXXX")
NATTERD_PID=""
cleanup() {
    pid_stop "$NATTERD_PID"
    rm -rf "$TMP"
}
trap cleanup EXIT

bench_natterd_ini "$TMP/natterd.ini" 100000 100000
if [[ -n "${SYNCHRONOUS:-}" ]]; then
    printf '[storage]\nsynchronous=%s\n' "$SYNCHRONOUS" >> "$TMP/natterd.ini"
fi

# natterd on CPU 0, the bench on CPU 1 (when there are two and taskset exists).
bench_pin_cpus
natterd_start "$NATTERD" "$TMP" "$TMP/natterd.ini" || exit 1
URL=$NATTERD_URL
echo "natterd pid $NATTERD_PID at $URL (pinned: ${SERVER_PIN[*]:-no})" >&2

run_bench() {
    "${LOAD_PIN[@]}" timeout $((DURATION + WARMUP + 120)) "$BENCH" p2p --server "$URL" \
        --pairs "$PAIRS" --window "$WINDOW" --duration "$DURATION" --warmup "$WARMUP" "$@"
}

thread_cpu() { # "name=seconds ..." for each natterd thread (cumulative)
    local hz t
    hz=$(getconf CLK_TCK)
    for t in /proc/"$NATTERD_PID"/task/*; do
        printf '%s=%s ' "$(tr ' ' _ < "$t/comm")" \
            "$(sed 's/.*) //' "$t/stat" | awk -v hz="$hz" '{ printf "%.2f", ($12 + $13) / hz }')"
    done
}

CPU0=$(cpu_seconds "$NATTERD_PID")
MAX_JSON=$(run_bench "$@")
CPU1=$(cpu_seconds "$NATTERD_PID")
echo "$MAX_JSON"
echo "natterd threads after the max run (cumulative CPU s): $(thread_cpu)" >&2

RATE=$(echo "$MAX_JSON" | python3 -c 'import json,sys; print(max(1, round(json.load(sys.stdin)["delivered_per_s"] / 2)))')
HALF_JSON=$(run_bench --rate "$RATE" "$@")
CPU2=$(cpu_seconds "$NATTERD_PID")
echo "$HALF_JSON"

# natterd CPU per run includes setup (registration) and warm-up.
awk -v a="$CPU0" -v b="$CPU1" -v c="$CPU2" 'BEGIN {
    printf "{\"natterd_cpu_s\":{\"max_run\":%.2f,\"half_rate_run\":%.2f,\"total\":%.2f}}\n", b - a, c - b, c
}'

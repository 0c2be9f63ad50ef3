#!/usr/bin/env bash
# A flooding client against the per-device rate limit (SPEC §7: "a flooding
# client is throttled while the others keep their latency"). Against one
# fresh natterd on loopback, runs p2p at a fixed moderate --rate twice:
# without flooders, then with FLOODERS devices each sending FLOOD_FACTOR x
# the device rate limit (whatever the answers). Prints every JSON line and a
# summary line: the p99s, their ratio (target <= 2), and the flooders'
# accepted rate next to the limit.
#
#   tests/bench/run-flood.sh [BUILD_DIR] [-- extra natter-bench options]
#
# Environment: PAIRS (50), RATE (1000 msgs/s in total for the pairs),
# WINDOW (8), DURATION (10), WARMUP (2), FLOODERS (1), FLOOD_FACTOR (10),
# ROUNDS (1: how many times the unloaded/flooded pair of runs alternates;
# the summary compares the medians of the p99s),
# DEVICE_RATE (500) and DEVICE_BURST (1000): natterd's [limits]
# device_rate/device_burst, here at natterd's defaults.
# natterd runs with its default config except: the per-IP register/login
# limit is raised (the bench registers its users from one address) and
# Argon2id uses its minimum cost (only makes setup fast; not measured).
set -euo pipefail

BUILD_DIR=${1:-./build}
shift || true
[[ "${1:-}" == "--" ]] && shift
PAIRS=${PAIRS:-50}
RATE=${RATE:-1000}
WINDOW=${WINDOW:-8}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
FLOODERS=${FLOODERS:-1}
FLOOD_FACTOR=${FLOOD_FACTOR:-10}
ROUNDS=${ROUNDS:-1}
DEVICE_RATE=${DEVICE_RATE:-500}
DEVICE_BURST=${DEVICE_BURST:-1000}
FLOOD_RATE=$(awk -v r="$DEVICE_RATE" -v f="$FLOOD_FACTOR" 'BEGIN { print r * f }')

NATTERD="$BUILD_DIR/server/natterd"
BENCH="$BUILD_DIR/tests/bench/natter-bench"
# shellcheck source=bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"
bench_require run-flood.sh "$NATTERD" "$BENCH"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/natter-bench-flood.XXXXXX")
NATTERD_PID=""
cleanup() {
    pid_stop "$NATTERD_PID"
    rm -rf "$TMP"
}
trap cleanup EXIT

bench_natterd_ini "$TMP/natterd.ini" "$DEVICE_RATE" "$DEVICE_BURST"

# natterd on CPU 0, the bench on CPU 1 (when there are two and taskset exists).
bench_pin_cpus
natterd_start "$NATTERD" "$TMP" "$TMP/natterd.ini" || exit 1
URL=$NATTERD_URL
echo "natterd pid $NATTERD_PID at $URL (pinned: ${SERVER_PIN[*]:-no}), device_rate=$DEVICE_RATE" \
    "device_burst=$DEVICE_BURST; pairs at $RATE msgs/s; $FLOODERS flooder(s) at $FLOOD_RATE msgs/s" >&2

run_bench() {
    "${LOAD_PIN[@]}" timeout $((DURATION + WARMUP + 120)) "$BENCH" p2p --server "$URL" \
        --pairs "$PAIRS" --window "$WINDOW" --rate "$RATE" --duration "$DURATION" \
        --warmup "$WARMUP" "$@"
}

# Alternate the two runs ROUNDS times, so that a busy moment of the box
# does not fall on one side only; the summary compares medians.
# natterd's CPU seconds (utime + stime) per run, setup and warm-up included.
UNLOADED=()
FLOODED=()
CPU_U=()
CPU_F=()
for _ in $(seq "$ROUNDS"); do
    c0=$(cpu_seconds "$NATTERD_PID")
    UNLOADED+=("$(run_bench "$@")")
    echo "${UNLOADED[-1]}"
    c1=$(cpu_seconds "$NATTERD_PID")
    FLOODED+=("$(run_bench --flooders "$FLOODERS" --flood-rate "$FLOOD_RATE" "$@")")
    echo "${FLOODED[-1]}"
    c2=$(cpu_seconds "$NATTERD_PID")
    CPU_U+=("$(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.2f", b - a }')")
    CPU_F+=("$(awk -v a="$c1" -v b="$c2" 'BEGIN { printf "%.2f", b - a }')")
done

python3 - "$DEVICE_RATE" "${CPU_U[*]}" "${CPU_F[*]}" "${UNLOADED[@]}" "${FLOODED[@]}" <<'EOF'
import json, statistics, sys
limit = float(sys.argv[1])
cpu_u, cpu_f = [[float(x) for x in a.split()] for a in sys.argv[2:4]]
runs = [json.loads(a) for a in sys.argv[4:]]
u, f = runs[:len(runs) // 2], runs[len(runs) // 2:]
p99 = lambda rs: [r["latency_ms"]["p99"] for r in rs]
p50 = lambda rs: [r["latency_ms"]["p50"] for r in rs]
med_u, med_f = statistics.median(p99(u)), statistics.median(p99(f))
print(json.dumps({
    "rounds": len(u),
    "unloaded_p99_ms": p99(u), "flooded_p99_ms": p99(f),
    "unloaded_p50_ms": p50(u), "flooded_p50_ms": p50(f),
    "median_unloaded_p99_ms": med_u, "median_flooded_p99_ms": med_f,
    "p99_ratio": round(med_f / med_u, 2) if med_u else None, "p99_ratio_target": 2,
    "flood_sent_per_s": [r["flood"]["sent_per_s"] for r in f],
    "flood_accepted_per_s_per_flooder": [r["flood"]["accepted_per_s_per_flooder"] for r in f],
    "device_rate_limit": limit,
    "flood_rate_limited": [r["flood"]["rate_limited"] for r in f],
    "pairs_errors": [r["errors"] for r in u + f],
    "natterd_cpu_s_unloaded": cpu_u, "natterd_cpu_s_flooded": cpu_f}))
EOF

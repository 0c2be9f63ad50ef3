#!/usr/bin/env bash
# Runs coldsync, catchup and idle, each against a fresh natterd on loopback
# (temporary data dir, natterd pinned to CPU 0 and the bench to CPU 1), and
# prints one JSON line per scenario. natterd is stopped by its PID.
#
#   tests/bench/run-all.sh [BUILD_DIR]
#
# Environment: MESSAGES (coldsync, 100000), CATCHUP (1000), ROUNDS (catchup,
# 3), PEERS (conversations, 10), CONNECTIONS (idle, 5000; this box allows
# ~19,900), SOURCES (4), USERS (100), HOLD (5), WITH_P2P (1 = run p2p before
# and while the idle connections are open; PAIRS 50, WINDOW 8, DURATION 10,
# WARMUP 2), ONLY (space-separated subset of "coldsync catchup idle").
#
# natterd runs with its default config except for limits that only the
# set-up needs: the per-IP register/login limit ([limits] ip_rate/ip_burst;
# the bench registers accounts from one address), the per-device request rate
# ([limits] device_rate/device_burst; the senders of coldsync push 100k
# messages as fast as natterd acks them, far above 500/s per device; the
# measured pulls stay below the default) and Argon2id at its minimum cost
# ([auth]; only registration hashes). Its open-files soft limit is raised to
# the hard limit so it can hold the idle connections.
set -euo pipefail

BUILD_DIR=${1:-./build}
MESSAGES=${MESSAGES:-100000}
CATCHUP=${CATCHUP:-1000}
ROUNDS=${ROUNDS:-3}
PEERS=${PEERS:-10}
CONNECTIONS=${CONNECTIONS:-5000}
SOURCES=${SOURCES:-4}
USERS=${USERS:-100}
HOLD=${HOLD:-5}
WITH_P2P=${WITH_P2P:-1}
PAIRS=${PAIRS:-50}
WINDOW=${WINDOW:-8}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
ONLY=${ONLY:-coldsync catchup idle}

NATTERD="$BUILD_DIR/server/natterd"
BENCH="$BUILD_DIR/tests/bench/natter-bench"
# shellcheck source=bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"
bench_require run-all.sh "$NATTERD" "$BENCH"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/natter-bench-all.XXXXXX")
NATTERD_PID=""
stop_natterd() {
    pid_stop "$NATTERD_PID"
    NATTERD_PID=""
}
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
    stop_natterd
    rm -rf "$TMP"
}
trap cleanup EXIT

bench_natterd_ini "$TMP/natterd.ini" 1000000 1000000

bench_pin_cpus
URL=""
start_natterd() { # $1: run name
    natterd_start "$NATTERD" "$TMP/$1" "$TMP/natterd.ini" || exit 1
    URL=$NATTERD_URL
    echo "run-all.sh: $1: natterd pid $NATTERD_PID at $URL (pinned: ${SERVER_PIN[*]:-no})" >&2
}

bench() { # timeout seconds, then natter-bench arguments
    local limit=$1
    shift
    "${LOAD_PIN[@]}" timeout "$limit" "$BENCH" "$@" --server "$URL" --server-pid "$NATTERD_PID"
}

status=0
for scenario in $ONLY; do
    start_natterd "$scenario"
    case "$scenario" in
        coldsync)
            bench 900 coldsync --messages "$MESSAGES" --peers "$PEERS" || status=1 ;;
        catchup)
            bench 600 catchup --messages "$CATCHUP" --peers "$PEERS" --rounds "$ROUNDS" || status=1 ;;
        idle)
            extra=()
            [[ "$WITH_P2P" == 1 ]] && extra=(--with-p2p --pairs "$PAIRS" --window "$WINDOW"
                --duration "$DURATION" --warmup "$WARMUP")
            bench $((600 + 3 * (DURATION + WARMUP))) idle --connections "$CONNECTIONS" \
                --sources "$SOURCES" --users "$USERS" --hold "$HOLD" "${extra[@]}" || status=1 ;;
        *)
            echo "run-all.sh: unknown scenario $scenario" >&2; status=2 ;;
    esac
    stop_natterd
done
exit $status

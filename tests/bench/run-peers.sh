#!/usr/bin/env bash
# Side by side with the peers (SPEC §6, issue 4): the same 1:1 workload
# against Prosody, ejabberd and natterd, one after the other in one run, each
# server alone on CPU 0 and the load tool on CPU 1. Prints one JSON line per
# system (and window mode) on stdout, then a summary table.
#
#   tests/bench/run-peers.sh [BUILD_DIR [PAIRS [WINDOW [DURATION]]]]
#   e.g. tests/bench/run-peers.sh build 50 8 10
#
# Needs root the first time (apt-get install prosody ejabberd). Builds nothing:
# ninja -C BUILD_DIR natterd natter-bench natter-xmpp-load first.
#
# Environment:
#   WARMUP (2)            seconds of load before the measured window
#   SYSTEMS               subset/order of "prosody ejabberd natterd" (the
#                         default); also "prosody-nomam" and "ejabberd-nomam":
#                         the same servers with mod_mam off, for reference only
#   WINDOW_MODES          XMPP window modes to run, "acked e2e" by default:
#                         acked = unacknowledged by the server (XEP-0198),
#                         which is what natter-bench p2p's window means;
#                         e2e = not yet received by the partner (stricter)
#   PROSODY_STORAGE, EJABBERD_MAM_DB, KEEP_TMP: see peers-lib.sh, which also
#                         says what each server's configuration holds; natterd
#                         runs as run-p2p.sh does: default config (SQLite WAL,
#                         synchronous=FULL) except the per-IP register limit,
#                         the per-device request limit (the peers run with no
#                         shaper either) and a cheap password hash
# Server CPU: utime+stime from /proc/PID/stat over the measured window (the
# XMPP load tool reads it itself; for natterd this script samples it from the
# moment natter-bench reports its users signed in + WARMUP, for DURATION).
set -euo pipefail

BUILD_DIR=${1:-./build}
PAIRS=${2:-${PAIRS:-50}}
WINDOW=${3:-${WINDOW:-8}}
DURATION=${4:-${DURATION:-10}}
WARMUP=${WARMUP:-2}
SYSTEMS=${SYSTEMS:-prosody ejabberd natterd}
WINDOW_MODES=${WINDOW_MODES:-acked e2e}
SCRIPT=run-peers.sh

# shellcheck source=peers-lib.sh
. "$(dirname "$0")/peers-lib.sh"

run_xmpp() { # system port
    local system=$1 port=$2 mode out
    for mode in $WINDOW_MODES; do
        log "$system: load, window mode $mode"
        out=$("${LOAD_PIN[@]}" timeout $((DURATION + WARMUP + 300)) "$XLOAD" \
            --host 127.0.0.1 --port "$port" --domain "$DOMAIN" --pairs "$PAIRS" \
            --window "$WINDOW" --window-mode "$mode" --duration "$DURATION" \
            --warmup "$WARMUP" --server-pid "$SERVER_PID" --label "$system" \
            --prefix "$system-$mode" 2> >(tee -a "$TMP/$system-load.err" >&2)) || true
        [[ -n "$out" ]] || out='{"system":"'"$system"'","window_mode":"'"$mode"'","error":"no output"}'
        emit "$(augment "$out" "$system")"
    done
}

run_prosody() { # system
    prosody_start "$1" || return 1
    run_xmpp "$1" "$PEER_PORT"
    stop_server
}

run_ejabberd() { # system
    ejabberd_start "$1" || return 1
    run_xmpp "$1" "$PEER_PORT"
    stop_server
}

# --- natterd -----------------------------------------------------------------
run_natterd() {
    local dir="$TMP/natterd" url="" out c0 c1 t0 t1
    mkdir -p "$dir"
    bench_natterd_ini "$dir/natterd.ini" 100000 100000
    natterd_start "$NATTERD" "$dir" "$dir/natterd.ini" || return 1
    SERVER_PID=$NATTERD_PID
    url=$NATTERD_URL
    log "natterd $NATTER_VERSION pid $SERVER_PID at $url"
    : > "$dir/bench.err"
    # natter-bench p2p starts its warm-up when it prints "signed in"; sample
    # natterd's CPU WARMUP s later and DURATION s after that.
    (
        for _ in $(seq 3000); do
            grep -q 'signed in' "$dir/bench.err" && break
            sleep 0.02
        done
        sleep "$WARMUP"
        c0=$(cpu_seconds "$SERVER_PID")
        t0=$(date +%s.%N)
        sleep "$DURATION"
        c1=$(cpu_seconds "$SERVER_PID")
        t1=$(date +%s.%N)
        echo "$c0 $c1 $t0 $t1" > "$dir/cpu"
    ) &
    local watcher=$!
    out=$("${LOAD_PIN[@]}" timeout $((DURATION + WARMUP + 300)) "$BENCH" p2p --server "$url" \
        --pairs "$PAIRS" --window "$WINDOW" --duration "$DURATION" --warmup "$WARMUP" \
        2> >(tee -a "$dir/bench.err" >&2)) || true
    wait "$watcher" 2>/dev/null || true
    [[ -n "$out" ]] || out='{"error":"no output"}'
    if [[ -s "$dir/cpu" ]]; then
        out=$(python3 - "$out" "$dir/cpu" <<'EOF'
import json, sys
o = json.loads(sys.argv[1])
c0, c1, t0, t1 = map(float, open(sys.argv[2]).read().split())
o["window_mode"] = "acked"
o["load_cpu_s"] = o.get("bench_cpu_s")
o["load_cpu_pct"] = o.get("bench_cpu_pct")
o["server_cpu_s"] = round(c1 - c0, 2)
o["server_cpu_pct"] = round(100 * (c1 - c0) / (t1 - t0), 2)
print(json.dumps(o, separators=(",", ":")))
EOF
        )
    fi
    emit "$(augment "$out" natterd)"
    stop_server
}

# --- run -----------------------------------------------------------------------
log "$(date -u); $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
log "pairs $PAIRS, window $WINDOW, duration $DURATION s, warm-up $WARMUP s; systems: $SYSTEMS"
START_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
for system in $SYSTEMS; do
    case $system in
        prosody | prosody-nomam) run_prosody "$system" || failed "$system" ;;
        ejabberd | ejabberd-nomam) run_ejabberd "$system" || failed "$system" ;;
        natterd) run_natterd || failed natterd ;;
        *) log "unknown system $system"; exit 2 ;;
    esac
done

# --- summary -------------------------------------------------------------------
python3 - "$RESULTS" "$PROSODY_VERSION" "$EJABBERD_VERSION" "$ERLANG_VERSION" "$LUA_VERSION" \
    "$NATTER_VERSION" "$START_LOAD" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'EOF' >&2
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
pv, ev, erl, lua, nv, load0, load1 = sys.argv[2:9]
print()
print(f"prosody {pv} ({lua}), ejabberd {ev} (erlang-base {erl}), natterd {nv}")
print(f"load average at start {load0}, at end {load1}")
hdr = f"{'system':<15} {'window':<7} {'msgs/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'server CPU%':>11} {'load CPU%':>9} {'errors':>6}"
print(hdr)
print("-" * len(hdr))
best = {}
for r in rows:
    if "error" in r and "delivered_per_s" not in r:
        print(f"{r.get('system','?'):<15} error: {r['error']}")
        continue
    lat = r.get("latency_ms", {})
    f = lambda v: "-" if v is None else f"{v:.1f}"
    print(f"{r['system']:<15} {r.get('window_mode','?'):<7} {r['delivered_per_s']:>9.0f} "
          f"{f(lat.get('p50')):>8} {f(lat.get('p99')):>8} {f(lat.get('max')):>8} "
          f"{f(r.get('server_cpu_pct')):>11} {f(r.get('load_cpu_pct')):>9} {r.get('errors', 0):>6}")
    best[r["system"]] = max(best.get(r["system"], 0), r["delivered_per_s"])
if "natterd" in best:
    for peer in [s for s in best if s != "natterd"]:
        if best[peer]:
            note = "reference: no archive" if peer.endswith("-nomam") else "target >= 3x"
            print(f"natterd / {peer} (its best window mode): "
                  f"{best['natterd'] / best[peer]:.2f}x ({note})")
EOF

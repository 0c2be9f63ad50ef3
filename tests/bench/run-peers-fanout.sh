#!/usr/bin/env bash
# Group fan-out side by side with the peers (issue 10): the same workload on
# Prosody's and ejabberd's multi-user chat and on a natterd group, one
# system after the other in one run, each server alone on CPU 0 and the
# load on CPU 1 (PIN=0: sharing both). A room / group of MEMBERS, every
# member online on its own connection, messages into it at each rate of
# RATES, then as fast as a window of 4 allows (the maximum deliveries/s).
# Every run starts its server afresh (an overloaded run leaves a backlog).
# Prints one JSON line per system and rate on stdout, then a summary table.
#
#   tests/bench/run-peers-fanout.sh [BUILD_DIR]
#   e.g. MEMBERS=500 RATES="10 50 100" tests/bench/run-peers-fanout.sh build
#
# Needs root the first time (apt-get install prosody ejabberd). Builds nothing:
# ninja -C BUILD_DIR natterd natter-bench natter-xmpp-load first.
#
# Environment: MEMBERS (500), RATES ("10 50 100"), DURATION (10), WARMUP (2),
# DRAIN (5), SYSTEMS ("prosody ejabberd natterd"; "-nomam" variants as in
# run-peers.sh), PIN, and PROSODY_STORAGE, EJABBERD_MAM_DB, KEEP_TMP: see
# peers-lib.sh, which says what each server's configuration holds. Both
# load tools spread the members over 4 event loops (--threads).
#
# The workloads: natter-bench fanout (member 0 creates the group and sends;
# the others pull on each Notify; natterd stores every message durably) and
# natter-xmpp-load --scenario muc (occupant 0 creates an instant room and
# sends groupchat messages; the room pushes each one to every occupant;
# archived by mod_mam / mod_muc_mam). "latency" is the time until the LAST
# other member has the message; the window of the last run counts messages
# not yet acked by natterd or, for XMPP, not yet reflected by the room.
set -euo pipefail

BUILD_DIR=${1:-./build}
MEMBERS=${MEMBERS:-500}
RATES=${RATES:-"10 50 100"}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
DRAIN=${DRAIN:-5}
SYSTEMS=${SYSTEMS:-prosody ejabberd natterd}
SCRIPT=run-peers-fanout.sh
export PEERS_MUC=1

# shellcheck source=peers-lib.sh
. "$(dirname "$0")/peers-lib.sh"

# load SYSTEM RATE TOOL ARGS...: one run (rate 0: the window), one JSON line.
load() {
    local system=$1 rate=$2 out
    shift 2
    local pace=(--rate "$rate") what="$rate msgs/s"
    [[ $rate == 0 ]] && pace=(--rate 0 --window 4) && what="window 4"
    log "$system: $MEMBERS members, $what"
    out=$(
        ulimit -n "$(ulimit -Hn)"
        "${LOAD_PIN[@]}" timeout $((DURATION + WARMUP + DRAIN + 600)) "$@" \
            --members "$MEMBERS" "${pace[@]}" --duration "$DURATION" --warmup "$WARMUP" \
            --drain "$DRAIN" --server-pid "$SERVER_PID" 2> >(tee -a "$TMP/$system-load.err" >&2)
    ) || true
    [[ -n "$out" ]] || out='{"error":"no output"}'
    emit "$(augment "$out" "$system")"
}

# Each run gets a freshly started server: an overloaded run leaves a backlog
# that the next one would otherwise pay for.
run_xmpp() { # system start-function
    local system=$1 start=$2 rate n=0
    for rate in $RATES 0; do
        n=$((n + 1))
        "$start" "$system" || return 1
        load "$system" "$rate" "$XLOAD" --scenario muc --host 127.0.0.1 --port "$PEER_PORT" \
            --domain "$DOMAIN" --label "$system" --prefix "$system-$n"
        stop_server
    done
}

run_natterd() {
    local dir rate n=0
    for rate in $RATES 0; do
        n=$((n + 1))
        dir="$TMP/natterd-$n"
        mkdir -p "$dir"
        bench_natterd_ini "$dir/natterd.ini" 100000 100000
        printf '[groups]\nmax_members=%s\n' "$((MEMBERS > 2000 ? MEMBERS : 2000))" >> "$dir/natterd.ini"
        natterd_start "$NATTERD" "$dir" "$dir/natterd.ini" || return 1
        SERVER_PID=$NATTERD_PID
        log "natterd $NATTER_VERSION pid $SERVER_PID at $NATTERD_URL"
        load natterd "$rate" "$BENCH" fanout --server "$NATTERD_URL"
        stop_server
    done
}

log "$(date -u); $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
log "members $MEMBERS, rates $RATES then window 4, duration $DURATION s, warm-up $WARMUP s; systems: $SYSTEMS"
START_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
for system in $SYSTEMS; do
    case $system in
        prosody | prosody-nomam) run_xmpp "$system" prosody_start || failed "$system" ;;
        ejabberd | ejabberd-nomam) run_xmpp "$system" ejabberd_start || failed "$system" ;;
        natterd) run_natterd || failed natterd ;;
        *) log "unknown system $system"; exit 2 ;;
    esac
done

python3 - "$RESULTS" "$PROSODY_VERSION" "$EJABBERD_VERSION" "$ERLANG_VERSION" "$LUA_VERSION" \
    "$NATTER_VERSION" "$START_LOAD" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'EOF' >&2
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
pv, ev, erl, lua, nv, load0, load1 = sys.argv[2:9]
print()
print(f"prosody {pv} ({lua}), ejabberd {ev} (erlang-base {erl}), natterd {nv}")
print(f"load average at start {load0}, at end {load1}")
hdr = (f"{'system':<15} {'members':>7} {'msgs/s':>8} {'deliveries/s':>12} {'p50 ms':>8} "
       f"{'p99 ms':>8} {'max ms':>8} {'incompl':>7} {'srv CPU%':>8} {'us/deliv':>8} "
       f"{'load CPU%':>9} {'errors':>6}")
print(hdr)
print("-" * len(hdr))
f = lambda v: "-" if v is None else f"{v:.1f}"
best = {}
for r in rows:
    if "deliveries_per_s" not in r:
        print(f"{r.get('system', '?'):<15} error: {r.get('error')}")
        continue
    lat = r.get("latency_ms", {})
    load = r.get("load_cpu_pct", r.get("bench_cpu_pct"))
    print(f"{r['system']:<15} {r['members']:>7} {r['sent_per_s']:>8.0f} {r['deliveries_per_s']:>12.0f} "
          f"{f(lat.get('p50')):>8} {f(lat.get('p99')):>8} {f(lat.get('max')):>8} "
          f"{r.get('incomplete', 0):>7} {f(r.get('server_cpu_pct')):>8} "
          f"{f(r.get('server_cpu_us_per_delivery')):>8} {f(load):>9} {r.get('errors', 0):>6}")
    best[r["system"]] = max(best.get(r["system"], 0), r["deliveries_per_s"])
if best.get("natterd"):
    for peer in [s for s in best if s != "natterd" and best[s]]:
        print(f"natterd / {peer}, the most deliveries/s of any run: "
              f"{best['natterd'] / best[peer]:.2f}x")
EOF

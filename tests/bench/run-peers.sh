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
#   PROSODY_STORAGE       internal (default: Prosody's own default, files in
#                         the data dir; its archive store rewrites a user's
#                         whole archive file per message, so it slows down as
#                         archives grow) or memory (slower here: it compiles
#                         every stored stanza into a Lua chunk)
#   EJABBERD_MAM_DB       mnesia (default, ejabberd's default backend) or sql
#                         (SQLite file, installs erlang-p1-sqlite3)
#   KEEP_TMP=1            keep the temporary configs, data and logs
#
# What each server gets (written into a temporary directory, loopback only,
# ports picked free at run time, no TLS, plain SASL allowed on loopback):
#   prosody   storage PROSODY_STORAGE, mod_mam (default_archive_policy =
#             true: every message archived), mod_offline, mod_smacks,
#             in-band registration; network_settings nagle = false
#   ejabberd  mnesia (its default; mod_mam and mod_offline on mnesia),
#             mod_mam default: always, mod_offline, mod_stream_mgmt,
#             mod_register; no shaper
#   natterd   as run-p2p.sh: default config (SQLite WAL, synchronous=FULL)
#             except the per-IP register limit, the per-device request
#             limit (the peers run with no shaper either) and a cheap
#             password hash
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
PROSODY_STORAGE=${PROSODY_STORAGE:-internal}
EJABBERD_MAM_DB=${EJABBERD_MAM_DB:-mnesia}
DOMAIN=localhost

NATTERD="$BUILD_DIR/server/natterd"
BENCH="$BUILD_DIR/tests/bench/natter-bench"
XLOAD="$BUILD_DIR/tests/bench/natter-xmpp-load"
for f in "$NATTERD" "$BENCH" "$XLOAD"; do
    [[ -x "$f" ]] || {
        echo "run-peers.sh: $f not built (ninja -C $BUILD_DIR natterd natter-bench natter-xmpp-load)" >&2
        exit 2
    }
done
NATTERD=$(realpath "$NATTERD")
BENCH=$(realpath "$BENCH")
XLOAD=$(realpath "$XLOAD")

log() { echo "run-peers.sh: $*" >&2; }

# --- install (idempotent) ----------------------------------------------------
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
wanted=(prosody ejabberd python3 util-linux iproute2)
[[ $EJABBERD_MAM_DB == sql ]] && wanted+=(erlang-p1-sqlite3)
for p in "${wanted[@]}"; do
    installed "$p" || missing+=("$p")
done
if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    SUDO=()
    [[ $(id -u) -eq 0 ]] || SUDO=(sudo)
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >&2
fi
PROSODY_VERSION=$(dpkg-query -W -f='${Version}' prosody)
EJABBERD_VERSION=$(dpkg-query -W -f='${Version}' ejabberd)
ERLANG_VERSION=$(dpkg-query -W -f='${Version}' erlang-base 2>/dev/null || echo unknown)
LUA_VERSION=$(head -1 /usr/bin/prosody | sed 's/.*env //')
NATTER_VERSION=$(git -C "$(dirname "$0")" describe --always --dirty 2>/dev/null || echo unknown)

# The packages' own instances (if the install started them, or a system runs
# them): they would take CPU during the run. No systemd here usually; the
# Debian policy-rc.d of containers keeps apt from starting them at all.
if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
    for s in prosody ejabberd; do
        if systemctl is-active --quiet "$s"; then
            log "stopping the distro's $s service (systemctl stop $s)"
            systemctl stop "$s"
        fi
    done
else
    for s in prosody ejabberd; do
        pidfile=/run/$s/$s.pid
        if [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
            log "stopping the distro's $s instance (/etc/init.d/$s stop)"
            /etc/init.d/"$s" stop >&2 || true
        fi
    done
fi

# --- common ------------------------------------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/natter-peers.XXXXXX")
chmod 755 "$TMP"
SERVER_PID=""
stop_server() {
    pid_stop "$SERVER_PID"
    SERVER_PID=""
}
cleanup() {
    stop_server
    if [[ -n "${KEEP_TMP:-}" ]]; then
        log "kept $TMP"
    else
        rm -rf "$TMP"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"
bench_pin_cpus
[[ ${#SERVER_PIN[@]} -gt 0 ]] || log "fewer than 2 CPUs or no taskset: not pinning"

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_listening() { # port pid name
    for _ in $(seq 600); do
        if ss -ltnH "sport = :$1" | grep -q .; then return 0; fi
        kill -0 "$2" 2>/dev/null || break
        sleep 0.1
    done
    log "$3 did not start listening on port $1"
    return 1
}

RESULTS="$TMP/results.jsonl"
: > "$RESULTS"
emit() { # one JSON line: stdout and the results file
    echo "$1"
    echo "$1" >> "$RESULTS"
}

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

augment() { # json system -> json with the version and the server name first
    python3 - "$1" "$2" "$PROSODY_VERSION" "$EJABBERD_VERSION" "$NATTER_VERSION" <<'EOF'
import json, sys
o = json.loads(sys.argv[1])
system = sys.argv[2]
version = {"prosody": sys.argv[3], "ejabberd": sys.argv[4],
           "natterd": sys.argv[5]}[system.split("-")[0]]
out = {"system": system, "version": version}
out.update({k: v for k, v in o.items() if k != "system"})
print(json.dumps(out, separators=(",", ":")))
EOF
}

# --- Prosody -----------------------------------------------------------------
run_prosody() { # system label; "-nomam" in it turns mod_mam off
    local system=$1 dir="$TMP/$1" port mam='"mam";'
    [[ $system == *-nomam ]] && mam=""
    port=$(free_port)
    mkdir -p "$dir/data" "$dir/certs"
    cat > "$dir/prosody.cfg.lua" <<EOF
-- natter run-peers.sh: Prosody on loopback for the 1:1 benchmark.
pidfile = "$dir/prosody.pid"
data_path = "$dir/data"
certificates = "$dir/certs"
log = { warn = "$dir/prosody.log" }
interfaces = { "127.0.0.1" }
c2s_ports = { $port }
c2s_interfaces = { "127.0.0.1" }
s2s_ports = { }
component_ports = { }
http_ports = { }
https_ports = { }
network_settings = { nagle = false }
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
allow_registration = true
authentication = "internal_plain"
storage = "$PROSODY_STORAGE"
default_archive_policy = true
modules_enabled = {
    "roster"; "saslauth"; "disco"; "register"; $mam "offline"; "smacks"; "ping";
}
modules_disabled = { "s2s" }
VirtualHost "$DOMAIN"
EOF
    chown -R prosody:prosody "$dir"
    # setpriv execs (no fork), so $! is Prosody's own pid.
    "${SERVER_PIN[@]}" setpriv --reuid=prosody --regid=prosody --clear-groups \
        prosody --config "$dir/prosody.cfg.lua" -F > "$dir/stdout" 2>&1 &
    SERVER_PID=$!
    if ! wait_listening "$port" "$SERVER_PID" "$system"; then
        cat "$dir/stdout" "$dir/prosody.log" >&2 || true
        return 1
    fi
    log "$system $PROSODY_VERSION pid $SERVER_PID on 127.0.0.1:$port (storage $PROSODY_STORAGE)"
    run_xmpp "$system" "$port"
    stop_server
}

# --- ejabberd ----------------------------------------------------------------
run_ejabberd() { # system label; "-nomam" in it turns mod_mam off
    local system=$1 dir="$TMP/$1" port mam sql=""
    mam=$(printf '  mod_mam:\n    db_type: %s\n    default: always' "$EJABBERD_MAM_DB")
    [[ $system == *-nomam ]] && mam=""
    [[ $EJABBERD_MAM_DB == sql ]] && sql=$(printf 'sql_type: sqlite\nsql_database: "%s"' "$dir/ejabberd.db")
    port=$(free_port)
    mkdir -p "$dir/spool"
    cat > "$dir/ejabberd.yml" <<EOF
# natter run-peers.sh: ejabberd on loopback for the 1:1 benchmark.
hosts:
  - $DOMAIN
loglevel: warning
log_rotate_count: 0
listen:
  -
    port: $port
    ip: "127.0.0.1"
    module: ejabberd_c2s
    backlog: 1024
    max_stanza_size: 262144
    starttls_required: false
auth_method: internal
auth_password_format: plain
registration_timeout: infinity
access_rules:
  c2s:
    allow: all
  register:
    allow: all
modules:
  mod_disco: {}
$mam
  mod_offline:
    db_type: $EJABBERD_MAM_DB
  mod_ping: {}
  mod_register:
    access: register
    ip_access: all
  mod_roster: {}
  mod_stream_mgmt: {}
$sql
EOF
    chown -R ejabberd:ejabberd "$dir"
    # Straight to erl (not ejabberdctl, which su's and needs epmd): no
    # distribution, node nonode@nohost. exec + setpriv: $! is beam.smp's pid.
    (
        cd "$dir"
        exec env HOME="$dir" EJABBERD_CONFIG_PATH="$dir/ejabberd.yml" \
            EJABBERD_LOG_PATH="$dir/ejabberd.log" ERL_LIBS=/usr/lib/x86_64-linux-gnu \
            ERL_CRASH_DUMP="$dir/erl_crash.dump" \
            "${SERVER_PIN[@]}" setpriv --reuid=ejabberd --regid=ejabberd --clear-groups \
            erl -noinput +P 250000 -mnesia dir "\"$dir/spool\"" -s ejabberd
    ) > "$dir/stdout" 2>&1 &
    SERVER_PID=$!
    if ! wait_listening "$port" "$SERVER_PID" "$system"; then
        cat "$dir/stdout" >&2 || true
        return 1
    fi
    log "$system $EJABBERD_VERSION pid $SERVER_PID ($(cat /proc/"$SERVER_PID"/comm)) on 127.0.0.1:$port (mod_offline/mod_mam on $EJABBERD_MAM_DB)"
    run_xmpp "$system" "$port"
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

failed() {
    stop_server
    emit "{\"system\":\"$1\",\"error\":\"did not start\"}"
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

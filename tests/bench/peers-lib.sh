# shellcheck shell=bash
# Shared by run-peers.sh (1:1) and run-peers-fanout.sh (groups), sourced:
# installs Prosody and ejabberd, writes their loopback configs, starts each
# alone on CPU 0 by PID (natterd too, through bench-lib.sh) and stops it.
#
# The caller sets, before sourcing: BUILD_DIR, SCRIPT (its name, for logs).
# Sets NATTERD, BENCH and XLOAD (natter-xmpp-load), exiting 2 unless built.
# Environment read here:
#   PROSODY_STORAGE  internal (default: Prosody's own default, files in the
#                    data dir; its archive store rewrites a user's whole
#                    archive file per message, so it slows down as archives
#                    grow) or memory (slower here: it compiles every stored
#                    stanza into a Lua chunk)
#   EJABBERD_MAM_DB  mnesia (default, ejabberd's default backend) or sql
#                    (SQLite file, installs erlang-p1-sqlite3)
#   PEERS_MUC=1      also give each server its multi-user chat service,
#                    conference.$DOMAIN (run-peers-fanout.sh sets it)
#   KEEP_TMP=1       keep the temporary configs, data and logs
#
# What each server gets (written into a temporary directory, loopback only,
# ports picked free at run time, no TLS, plain SASL allowed on loopback):
#   prosody   storage PROSODY_STORAGE, mod_mam (default_archive_policy =
#             true: every message archived), mod_offline, mod_smacks,
#             in-band registration; network_settings nagle = false. With
#             PEERS_MUC: Component "conference.$DOMAIN" "muc" with mod_muc_mam
#             archiving every room (muc_log_all_rooms)
#   ejabberd  mnesia (its default; mod_mam and mod_offline on mnesia),
#             mod_mam default: always, mod_offline, mod_stream_mgmt,
#             mod_register; no shaper. With PEERS_MUC: mod_muc (max_users
#             raised to 25,000 from its default 200, for the service and
#             the room; rooms archived by mod_mam)
# A system name ending in "-nomam" gets the same server with archiving off.

PROSODY_STORAGE=${PROSODY_STORAGE:-internal}
EJABBERD_MAM_DB=${EJABBERD_MAM_DB:-mnesia}
DOMAIN=localhost

log() { echo "${SCRIPT:?}: $*" >&2; }

# shellcheck source=bench-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
NATTERD="$BUILD_DIR/server/natterd"
BENCH="$BUILD_DIR/tests/bench/natter-bench"
XLOAD="$BUILD_DIR/tests/bench/natter-xmpp-load"
bench_require "$SCRIPT" "$NATTERD" "$BENCH" "$XLOAD"
NATTERD=$(realpath "$NATTERD")
BENCH=$(realpath "$BENCH")
XLOAD=$(realpath "$XLOAD")

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
NATTER_VERSION=$(git -C "$(dirname "${BASH_SOURCE[0]}")" describe --always --dirty 2>/dev/null || echo unknown)
export PROSODY_VERSION EJABBERD_VERSION ERLANG_VERSION LUA_VERSION NATTER_VERSION

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

failed() {
    stop_server
    emit "{\"system\":\"$1\",\"error\":\"did not start\"}"
}

# --- Prosody -----------------------------------------------------------------
# prosody_start SYSTEM: starts Prosody pinned on an empty data dir, sets
# SERVER_PID and PEER_PORT.
prosody_start() {
    local system=$1 dir="$TMP/$1" mam='"mam";' muc_mam='"muc_mam"' component=""
    [[ $system == *-nomam ]] && mam="" && muc_mam=""
    PEER_PORT=$(free_port)
    if [[ ${PEERS_MUC:-0} == 1 ]]; then
        component=$(printf 'Component "conference.%s" "muc"\n    modules_enabled = { %s }\n    muc_log_all_rooms = true\n' \
            "$DOMAIN" "$muc_mam")
    fi
    rm -rf "$dir" # a fresh data dir every start
    mkdir -p "$dir/data" "$dir/certs"
    cat > "$dir/prosody.cfg.lua" <<EOF
-- natter $SCRIPT: Prosody on loopback for the benchmark.
pidfile = "$dir/prosody.pid"
data_path = "$dir/data"
certificates = "$dir/certs"
log = { warn = "$dir/prosody.log" }
interfaces = { "127.0.0.1" }
c2s_ports = { $PEER_PORT }
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
$component
EOF
    chown -R prosody:prosody "$dir"
    # setpriv execs (no fork), so $! is Prosody's own pid.
    "${SERVER_PIN[@]}" setpriv --reuid=prosody --regid=prosody --clear-groups \
        prosody --config "$dir/prosody.cfg.lua" -F > "$dir/stdout" 2>&1 &
    SERVER_PID=$!
    if ! wait_listening "$PEER_PORT" "$SERVER_PID" "$system"; then
        cat "$dir/stdout" "$dir/prosody.log" >&2 || true
        return 1
    fi
    log "$system $PROSODY_VERSION pid $SERVER_PID on 127.0.0.1:$PEER_PORT (storage $PROSODY_STORAGE)"
}

# --- ejabberd ----------------------------------------------------------------
# ejabberd_start SYSTEM: starts ejabberd pinned on an empty spool, sets
# SERVER_PID and PEER_PORT.
ejabberd_start() {
    local system=$1 dir="$TMP/$1" mam sql="" muc="" room_mam=true
    mam=$(printf '  mod_mam:\n    db_type: %s\n    default: always' "$EJABBERD_MAM_DB")
    [[ $system == *-nomam ]] && mam="" && room_mam=false
    [[ $EJABBERD_MAM_DB == sql ]] && sql=$(printf 'sql_type: sqlite\nsql_database: "%s"' "$dir/ejabberd.db")
    if [[ ${PEERS_MUC:-0} == 1 ]]; then
        muc=$(printf '  mod_muc:\n    host: "conference.%s"\n    access_create: all\n    max_users: 25000\n    default_room_options:\n      max_users: 25000\n      mam: %s' \
            "$DOMAIN" "$room_mam")
    fi
    PEER_PORT=$(free_port)
    rm -rf "$dir" # a fresh spool every start
    mkdir -p "$dir/spool"
    cat > "$dir/ejabberd.yml" <<EOF
# natter $SCRIPT: ejabberd on loopback for the benchmark.
hosts:
  - $DOMAIN
loglevel: warning
log_rotate_count: 0
listen:
  -
    port: $PEER_PORT
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
$muc
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
        cd "$dir" || exit
        exec env HOME="$dir" EJABBERD_CONFIG_PATH="$dir/ejabberd.yml" \
            EJABBERD_LOG_PATH="$dir/ejabberd.log" ERL_LIBS=/usr/lib/x86_64-linux-gnu \
            ERL_CRASH_DUMP="$dir/erl_crash.dump" \
            "${SERVER_PIN[@]}" setpriv --reuid=ejabberd --regid=ejabberd --clear-groups \
            erl -noinput +P 250000 -mnesia dir "\"$dir/spool\"" -s ejabberd
    ) > "$dir/stdout" 2>&1 &
    SERVER_PID=$!
    if ! wait_listening "$PEER_PORT" "$SERVER_PID" "$system"; then
        cat "$dir/stdout" >&2 || true
        return 1
    fi
    log "$system $EJABBERD_VERSION pid $SERVER_PID ($(cat /proc/"$SERVER_PID"/comm)) on 127.0.0.1:$PEER_PORT (mod_offline/mod_mam on $EJABBERD_MAM_DB)"
}

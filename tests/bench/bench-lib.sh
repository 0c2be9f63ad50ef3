# shellcheck shell=bash
# Shared by the tests/bench/run-*.sh scripts (sourced, not run): the build
# check, natterd's bench config, CPU pinning, natterd started and stopped
# by PID, CPU time of a process.

# bench_require SCRIPT FILE...: exits 2 unless every FILE is built.
bench_require() {
    local script=$1 f
    shift
    for f in "$@"; do
        [[ -x "$f" ]] || { echo "$script: $f not built (ninja $(basename "$f"))" >&2; exit 2; }
    done
}

# bench_natterd_ini FILE DEVICE_RATE DEVICE_BURST: natterd's config for a
# bench: its defaults except what the set-up needs (the per-IP register/login
# limit raised, Argon2id at its minimum cost) and the per-device request
# limit given. Callers may append sections.
bench_natterd_ini() {
    cat > "$1" <<EOF
[limits]
ip_rate=100000
ip_burst=100000
device_rate=$2
device_burst=$3
[auth]
pwhash_ops=1
pwhash_mem_bytes=8192
EOF
}

# Sets SERVER_PIN and LOAD_PIN (arrays): the server on CPU 0 and the load on
# CPU 1 when there are two CPUs and taskset; empty (no pinning) otherwise.
# shellcheck disable=SC2034 # LOAD_PIN is for the scripts that source this file
bench_pin_cpus() {
    SERVER_PIN=()
    LOAD_PIN=()
    # PIN=0: no pinning, the server and the load share every core.
    if [[ ${PIN:-1} != 0 ]] && command -v taskset >/dev/null && [[ $(nproc) -ge 2 ]]; then
        SERVER_PIN=(taskset -c 0)
        LOAD_PIN=(taskset -c 1)
    fi
}

# natterd_start NATTERD DIR INI: starts natterd on an ephemeral loopback port
# (pinned by SERVER_PIN, open-files soft limit raised to the hard limit), its
# data, stdout and stderr in DIR. Sets NATTERD_PID and NATTERD_URL; returns 1,
# after printing natterd's stderr, when it is not listening within 10 s.
natterd_start() {
    local natterd=$1 dir=$2 ini=$3
    mkdir -p "$dir"
    (
        ulimit -n "$(ulimit -Hn)"
        exec "${SERVER_PIN[@]}" "$natterd" --listen 127.0.0.1:0 --data "$dir/data" \
            --config "$ini"
    ) > "$dir/natterd.out" 2> "$dir/natterd.err" &
    NATTERD_PID=$!
    NATTERD_URL=""
    for _ in $(seq 100); do
        NATTERD_URL=$(sed -n 's/^listening on \(wss\{0,1\}:\/\/[^ ]*\).*/\1/p' "$dir/natterd.out")
        [[ -n "$NATTERD_URL" ]] && return 0
        kill -0 "$NATTERD_PID" 2>/dev/null || break
        sleep 0.1
    done
    echo "natterd did not start:" >&2
    cat "$dir/natterd.err" >&2
    return 1
}

# pid_stop PID: SIGTERM, up to 10 s to exit, then SIGKILL (a child of this shell).
pid_stop() {
    local pid=$1
    if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; then
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# cpu_seconds PID: utime + stime of a process so far, in seconds.
cpu_seconds() {
    awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); print ($12 + $13) / hz }' "/proc/$1/stat"
}

#!/usr/bin/env bash
# Desktop start-up: time from exec to the first frame of the conversation
# list, for an empty store and a store of N messages (default 100,000),
# against a bare Qt Quick Controls window on the same X server (the floor).
# Also the app's RSS with the big store. Usage: run-startup.sh [BUILD_DIR] [N] [RUNS]
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
n=${2:-100000}
runs=${3:-5}
work=$(mktemp -d)
xvfb_pid=
trap '[[ -n $xvfb_pid ]] && kill $xvfb_pid 2>/dev/null; rm -rf "$work"' EXIT
display=:$((500 + RANDOM % 400))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1
export DISPLAY=$display HOME=$work/home XDG_RUNTIME_DIR=$work/run QT_QUICK_BACKEND=software
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export NATTER_PASSPHRASE=bench-passphrase
"$build/tests/bench/make-store" "$work/empty" "$NATTER_PASSPHRASE" 0 1 >&2
"$build/tests/bench/make-store" "$work/big" "$NATTER_PASSPHRASE" "$n" 50 >&2

# ms from exec to the "first-frame <epoch ms>" line of a command
first_frame() {
  local t0 out
  t0=$(date +%s%3N)
  out=$("$@" 2>&1 | grep -m1 -o 'first-frame [0-9]*' || true)
  [[ -n $out ]] || { echo "no first frame from: $*" >&2; exit 1; }
  echo $(( ${out#first-frame } - t0 ))
}
app_once() {  # start the app, wait for its first frame, measure RSS, close it
  local profile=$1 t0 line pid rss
  t0=$(date +%s%3N)
  "$build/app/natter" --profile "$profile" --startup-probe >"$work/app.out" 2>/dev/null &
  pid=$!
  for _ in $(seq 300); do grep -q '^first-frame' "$work/app.out" && break; sleep 0.02; done
  line=$(grep -m1 '^first-frame' "$work/app.out")
  rss=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
  kill $pid; wait $pid 2>/dev/null || true
  echo "$(( $(echo "$line" | awk '{print $2}') - t0 )) $rss"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

floor=$(for _ in $(seq "$runs"); do first_frame "$build/tests/bench/bare-window"; done | median)
empty=$(for _ in $(seq "$runs"); do app_once "$work/empty"; done | awk '{print $1}' | median)
bigruns=$(for _ in $(seq "$runs"); do app_once "$work/big"; done)
big=$(echo "$bigruns" | awk '{print $1}' | median)
rss=$(echo "$bigruns" | awk '{print $2}' | median)
printf '{"scenario":"startup","messages":%d,"runs":%d,"bare_window_ms":%d,"empty_store_ms":%d,"big_store_ms":%d,"big_store_rss_kib":%d,"ratio_to_bare":%.2f,"ratio_to_empty":%.2f}\n' \
  "$n" "$runs" "$floor" "$empty" "$big" "$rss" "$(echo "$big / $floor" | bc -l)" "$(echo "$big / $empty" | bc -l)"

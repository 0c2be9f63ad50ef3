#!/usr/bin/env bash
# The main job: installs what is missing, builds, starts natterd on
# localhost with its embedded SQLite store, and opens the desktop app on it.
# Closing the app stops the server. Without a display only natterd runs
# (Ctrl+C stops it gracefully).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
LISTEN=${NATTER_LISTEN:-127.0.0.1:7070}
DATA=${NATTER_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/natterd}
mkdir -p "$DATA"
build/server/natterd --listen "$LISTEN" --data "$DATA" &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null' EXIT
echo "natterd: ws://$LISTEN, data in $DATA"
if [[ -n ${DISPLAY:-}${WAYLAND_DISPLAY:-} ]]; then
  echo "natter: the desktop app (server address ws://$LISTEN is prefilled)"
  build/app/natter "$@"
else
  echo "no display: only natterd runs. On a desktop, start build/app/natter;"
  echo "or try the CLI: NATTER_PASSPHRASE=... build/app/natter-cli --profile /tmp/me --server ws://$LISTEN register me mypassword"
  wait $server
fi

#!/usr/bin/env bash
# The main job: installs what is missing, builds, and starts natterd on
# localhost with its embedded SQLite store. Stop it with Ctrl+C (graceful).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
LISTEN=${NATTER_LISTEN:-127.0.0.1:7070}
DATA=${NATTER_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/natterd}
mkdir -p "$DATA"
echo "natterd: data in $DATA; try: NATTER_PASSPHRASE=... build/app/natter-cli --profile /tmp/me --server ws://$LISTEN register me mypassword"
exec build/server/natterd --listen "$LISTEN" --data "$DATA"

#!/usr/bin/env bash
# Runs a test binary inside a private D-Bus session with an unlocked
# gnome-keyring (Secret Service), in a throw-away HOME. Everything started
# here ends with the session.
set -euo pipefail
test_binary=$1
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME=$home XDG_DATA_HOME=$home/.local/share XDG_RUNTIME_DIR=$home/run
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# Not exec: the EXIT trap removes the throw-away HOME afterwards.
# shellcheck disable=SC2016 # $0 is the inner bash's: the test binary
dbus-run-session -- bash -c '
  printf "test-keyring-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  NATTER_TEST_KEYCHAIN=1 "$0"' "$test_binary"

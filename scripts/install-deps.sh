#!/usr/bin/env bash
# Installs what Natter needs to build and test on Debian 12, by package name.
# Idempotent: only missing packages are installed.
set -euo pipefail
pkgs=(
  build-essential cmake ninja-build ccache pkg-config git clang-format
  qt6-base-dev qt6-websockets-dev libqt6sql6-sqlite
  libprotobuf-dev protobuf-compiler
  libsodium-dev libsqlcipher-dev
  procps python3
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

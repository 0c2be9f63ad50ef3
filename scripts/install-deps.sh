#!/usr/bin/env bash
# Installs what Natter needs to build and test on Debian 12, by package name.
# Idempotent: only missing packages are installed.
set -euo pipefail
pkgs=(
  build-essential cmake ninja-build ccache pkg-config git clang-format
  # scripts/lint.sh
  shellcheck clang-tidy
  qt6-base-dev qt6-websockets-dev libsqlite3-dev libjemalloc-dev
  libprotobuf-dev protobuf-compiler
  libsodium-dev libsqlcipher-dev
  libhttp-parser-dev
  # natterd frees OpenSSL's per-thread state as a network thread ends
  libssl-dev
  procps python3 openssl python3-websockets
  # promtool checks natterd's /metrics (it_metrics); the server is not used
  prometheus
  # desktop app
  qt6-declarative-dev qt6-declarative-dev-tools qt6-l10n-tools qt6-tools-dev
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-templates qml6-module-qtquick-window qml6-module-qtqml-workerscript
  qml6-module-qtquick-dialogs qml6-module-qttest qml6-module-qtqml
  # its qmltypes let qmllint check DelegateModel (QtQml.Models)
  qml6-module-qtqml-models
  qt6-qpa-plugins libqt6dbus6 libqt6svg6 qtkeychain-qt6-dev
  # Qt's own words in the user's language (a dialog's standard buttons)
  qt6-translations-l10n
  # packaging (.deb through CPack)
  dpkg-dev file desktop-file-utils
  # desktop tests: X server, screenshots, fonts, keychain
  xvfb xauth imagemagick fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji
  dbus dbus-x11 gnome-keyring libsecret-tools
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

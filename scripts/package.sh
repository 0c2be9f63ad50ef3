#!/usr/bin/env bash
# Builds the desktop app's .deb with CPack into ./build (or $BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
cd "${BUILD_DIR:-build}"
cpack -G DEB
ls -1 natter_*.deb

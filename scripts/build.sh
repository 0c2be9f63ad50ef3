#!/usr/bin/env bash
# Configures and builds Natter with Ninja and ccache into ./build (or $BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo}
if [[ ! -f $BUILD_DIR/build.ninja ]]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE"
fi
# Two cores here: one job per core; ccache makes rebuilds cheap.
ninja -C "$BUILD_DIR" -j"${JOBS:-$(nproc)}"

#!/usr/bin/env bash
# The static checks, each saying what it checked: clang-format (our C++),
# then shellcheck over every shell script, qmllint over the QML module
# Natter, and clang-tidy over the product code (core/, server/, app/;
# .clang-tidy says which checks). qmllint and clang-tidy need the build tree ./build (or
# $BUILD_DIR): it is configured here if it is not, and what they read is
# built (protobuf headers, the module's qmltypes), nothing more.
# Any finding fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
BUILD_DIR=${BUILD_DIR:-build}

scripts/format.sh --check

mapfile -t shell_scripts < <(git ls-files '*.sh' .ci/run)
shellcheck "${shell_scripts[@]}"
echo "shellcheck: ${#shell_scripts[@]} scripts clean"

if [[ ! -f $BUILD_DIR/build.ninja ]]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}"
fi
# natter_ui_qmllint builds natter_core and natter_protocol first (the
# module's type registration needs them), so natter.pb.h exists for
# clang-tidy afterwards.
ninja -C "$BUILD_DIR" natter_ui_qmllint >"$BUILD_DIR/qmllint.log" 2>&1 || {
  cat "$BUILD_DIR/qmllint.log"
  echo "qmllint: findings above (or the build it needs failed)"
  exit 1
}
mapfile -t qml_files < <(git ls-files 'qml/*.qml')
echo "qmllint: ${#qml_files[@]} QML files of the module Natter clean"

# Product code only: the translation units under core/, server/ and app/,
# and of the headers only ours (not Qt's, protobuf's, nor generated ones in
# the build tree).
ours="^$root/(core|server|app)/"
tidy_log=$BUILD_DIR/clang-tidy.log
tidy_ok=1
run-clang-tidy -p "$BUILD_DIR" -j "${JOBS:-$(nproc)}" -quiet \
  -header-filter="$ours" "$ours" >"$tidy_log" 2>&1 || tidy_ok=0
sed -i 's/\x1b\[[0-9;]*m//g' "$tidy_log" # run-clang-tidy 14 always asks for colour
if ((!tidy_ok)); then
  grep -E -A8 'error:|warning:' "$tidy_log" || cat "$tidy_log"
  echo "clang-tidy: findings above (all of it in $tidy_log)"
  exit 1
fi
count=$(grep -cE "\"file\": \"$root/(core|server|app)/" "$BUILD_DIR/compile_commands.json")
echo "clang-tidy: $count translation units of core/, server/, app/ clean"

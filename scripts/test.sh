#!/usr/bin/env bash
# Installs what is missing, runs the static checks (scripts/lint.sh), builds,
# and runs the whole test suite (unit + integration, slow ones included) with
# ctest; then builds a second tree with AddressSanitizer + UBSan
# (./build-asan: no desktop app, no jemalloc) and runs the unit and
# integration tests there, slow ones excluded.
# CTEST_ARGS="-LE slow" skips the slow ones of the first tree locally;
# NATTER_SKIP_ASAN=1 skips the sanitizer tree.
set -euo pipefail
cd "$(dirname "$0")/.."

timings=()
stage_start=$SECONDS
stage_name=""
stage() {
  if [[ -n $stage_name ]]; then
    timings+=("$(printf '%-14s %5ss' "$stage_name" $((SECONDS - stage_start)))")
  fi
  stage_name=$1
  stage_start=$SECONDS
  [[ -z $stage_name ]] || echo "== test.sh: $stage_name"
}
report() {
  stage ""
  echo "== test.sh: stage times"
  printf '  %s\n' "${timings[@]}"
}
trap report EXIT

stage install-deps
scripts/install-deps.sh

stage lint
scripts/lint.sh

stage build
scripts/build.sh

stage ctest
(
  cd "${BUILD_DIR:-build}"
  # shellcheck disable=SC2086 # CTEST_ARGS is a list of arguments
  ctest --output-on-failure --timeout 600 ${CTEST_ARGS:-}
)

if [[ ${NATTER_SKIP_ASAN:-0} == 1 ]]; then
  echo "== test.sh: NATTER_SKIP_ASAN=1: no sanitizer tree"
  exit 0
fi

stage asan-build
asan_dir=${ASAN_BUILD_DIR:-build-asan}
if [[ ! -f $asan_dir/build.ninja ]]; then
  cmake -S . -B "$asan_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DNATTER_SANITIZE=ON -DNATTER_BUILD_DESKTOP=OFF
fi
ninja -C "$asan_dir" -j"${JOBS:-$(nproc)}"

stage asan-ctest
(
  cd "$asan_dir"
  # A finding stops the process (-fno-sanitize-recover=all), and so fails
  # its test; LeakSanitizer checks at every exit, with no suppressions.
  export ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1:detect_stack_use_after_return=1
  export UBSAN_OPTIONS=print_stacktrace=1
  ctest --output-on-failure --timeout 600 -L 'unit|integration' -LE slow
)

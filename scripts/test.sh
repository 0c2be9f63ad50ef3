#!/usr/bin/env bash
# Installs what is missing, builds, checks formatting and runs the whole test
# suite (unit + integration, slow ones included) with ctest.
# CTEST_ARGS="-LE slow" skips the slow ones locally.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/format.sh --check
scripts/build.sh
cd "${BUILD_DIR:-build}"
# shellcheck disable=SC2086
ctest --output-on-failure --timeout 600 ${CTEST_ARGS:-}

#!/usr/bin/env bash
# Sets up, builds and runs every test: the normal build, then the unit tests again under
# AddressSanitizer + UndefinedBehaviorSanitizer. This is what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash scripts/setup.sh

echo "== build (RelWithDebInfo)"
BUILD_DIR=build bash scripts/build.sh -DCMAKE_BUILD_TYPE=RelWithDebInfo
echo "== tests"
ctest --test-dir build --output-on-failure -j "$(nproc)" --timeout 900

echo "== build (ASan + UBSan)"
BUILD_DIR=build-asan bash scripts/build.sh -DCMAKE_BUILD_TYPE=Debug -DBALLISTA_SANITIZE=ON \
  -DBALLISTA_BUILD_BENCHMARKS=OFF
echo "== tests under sanitizers"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$(nproc)" --timeout 1800

echo "== fuzz targets (60 seconds each)"
bash scripts/run-fuzz.sh 60

echo "== all tests passed in $(( $(date +%s) - start )) seconds"

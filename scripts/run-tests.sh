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
# Interop tests that need node fail instead of skipping when it is missing.
export BALLISTA_REQUIRE_INTEROP=1
ctest --test-dir build --output-on-failure -j "$(nproc)" --timeout 900

echo "== sqllogictest (default batch size, batch sizes 1 and 7, optimizer off)"
# tests/sql/known_failures/ holds records that show open engine bugs (expected answers from
# DuckDB); they are run by hand, not in CI, until fixed.
mapfile -t slt_files < <(find tests/sql -name '*.slt' -not -path '*/known_failures/*' | sort)
if [ ${#slt_files[@]} -gt 0 ]; then
  ./build/bin/ballista-slt "${slt_files[@]}"
  ./build/bin/ballista-slt --batch-size 1 "${slt_files[@]}"
  ./build/bin/ballista-slt --batch-size 7 "${slt_files[@]}"
  ./build/bin/ballista-slt --optimizer off "${slt_files[@]}"
  echo "== sqllogictest on a standalone cluster and on a real cluster (scheduler + 2 executor processes)"
  ./build/bin/ballista-slt --mode standalone "${slt_files[@]}"
  ./build/bin/ballista-slt --mode cluster "${slt_files[@]}"
fi

echo "== TPC-H SF 0.1: all 22 queries against DuckDB's answers, local, standalone and cluster"
bash bench/tpch/verify.sh 0.1 build

echo "== build (ASan + UBSan)"
BUILD_DIR=build-asan bash scripts/build.sh -DCMAKE_BUILD_TYPE=Debug -DBALLISTA_SANITIZE=ON \
  -DBALLISTA_BUILD_BENCHMARKS=OFF
echo "== tests under sanitizers"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$(nproc)" --timeout 1800

echo "== fuzz targets (60 seconds each)"
bash scripts/run-fuzz.sh 60

echo "== all tests passed in $(( $(date +%s) - start )) seconds"

#!/usr/bin/env bash
# Builds every libFuzzer target in tests/fuzz/ with clang (ASan + UBSan) and runs each for
# SECONDS (default 60). A crash fails the script and leaves the input in build-fuzz/crashes/.
# Usage: scripts/run-fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
out=build-fuzz
mkdir -p "$out/crashes"

# Sources each target needs besides its own file (only the layers it exercises).
sources_for() {
  case "$1" in
    sql_parser) echo src/ballista/sql/*.cc src/ballista/common/*.cc ;;
    *) echo "unknown fuzz target $1" >&2; return 1 ;;
  esac
}

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in tests/fuzz/*_fuzz.cc; do targets+=("$(basename "$f" _fuzz.cc)"); done
fi

for target in "${targets[@]}"; do
  bin="$out/${target}_fuzz"
  # shellcheck disable=SC2046
  clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -I src "tests/fuzz/${target}_fuzz.cc" $(sources_for "$target") -o "$bin"
  echo "fuzz: $target for ${seconds}s"
  "$bin" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$out/crashes/${target}-" -print_final_stats=1 2>&1 | tail -n 12
done

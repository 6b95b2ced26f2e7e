#!/usr/bin/env bash
# Checks all 22 TPC-H answers at scale factor SF (default 0.1) against DuckDB's, in every mode:
# generates the tables as .tbl and Parquet, has DuckDB (npm) answer the queries over the .tbl
# files, then runs ballista-tpch bench --verify over the Parquet files in local, standalone and
# 2-executor cluster mode (push-staged and pull-staged), and over the .tbl files locally. CI runs
# it (scripts/run-tests.sh). Usage: bash bench/tpch/verify.sh [SF] [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
sf=${1:-0.1}
bin=${2:-build}/bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin/ballista-tpch" gen --scale-factor "$sf" --output "$work/tbl" --format tbl
"$bin/ballista-tpch" gen --scale-factor "$sf" --output "$work/parquet" --format parquet
node bench/tpch/duckdb.mjs answers "$work/tbl" tbl "$work/answers"

run() {
  echo "== TPC-H SF $sf: $*"
  "$bin/ballista-tpch" bench --iterations 1 --verify --answers "$work/answers" "$@"
}
run --path "$work/parquet" --format parquet --local
run --path "$work/tbl" --format tbl --local
run --path "$work/parquet" --format parquet --standalone
run --path "$work/parquet" --format parquet --cluster 2 --vcores 2 --scheduler-policy push-staged
run --path "$work/parquet" --format parquet --cluster 2 --vcores 2 --scheduler-policy pull-staged
echo "== TPC-H SF $sf: all 22 answers match DuckDB's in every mode"

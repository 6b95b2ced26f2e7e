#!/usr/bin/env bash
# Compares this engine with DuckDB on TPC-H at scale factor SF: generates the Parquet tables if
# missing, runs the 22 queries in DuckDB (npm @duckdb/node-api) and in this engine locally, on a
# standalone cluster and on a 2-executor cluster, all over the same files with the same number of
# threads, then prints one table (query, DuckDB ms, local ms, standalone ms, cluster ms, ratios)
# and writes it to docs/benchmarks.md with the date, commit and machine.
#
# Usage: bash bench/tpch/compare.sh [SF] [ITERATIONS]
#   THREADS   threads for each engine (default: nproc); the cluster's 2 executors get half each
#   DATA_DIR  where the tables go (default /tmp/ballista-tpch-sf<SF>)
#   BUILD_DIR the build with bin/ballista-tpch (default build)
set -euo pipefail
cd "$(dirname "$0")/../.."
sf=${1:-1}
iterations=${2:-3}
threads=${THREADS:-$(nproc)}
data=${DATA_DIR:-/tmp/ballista-tpch-sf$sf}
bin=${BUILD_DIR:-build}/bin
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

if [ ! -f "$data/lineitem.parquet" ]; then
  "$bin/ballista-tpch" gen --scale-factor "$sf" --output "$data" --format parquet
fi
per_executor=$(( threads / 2 > 0 ? threads / 2 : 1 ))

echo "== DuckDB ($threads threads)" >&2
node bench/tpch/duckdb.mjs bench "$data" parquet "$threads" "$iterations" > "$results/duckdb.json"
echo "== local ($threads threads)" >&2
"$bin/ballista-tpch" bench --path "$data" --iterations "$iterations" --local --vcores "$threads" \
  --output-json "$results/local.json" >&2
echo "== standalone ($threads vcores)" >&2
"$bin/ballista-tpch" bench --path "$data" --iterations "$iterations" --standalone --vcores "$threads" \
  --output-json "$results/standalone.json" >&2
echo "== cluster (2 executors x $per_executor vcores)" >&2
"$bin/ballista-tpch" bench --path "$data" --iterations "$iterations" --cluster 2 --vcores "$per_executor" \
  --output-json "$results/cluster.json" >&2

node bench/tpch/compare_table.mjs "$results" "$sf" "$threads" "$iterations" docs/benchmarks.md

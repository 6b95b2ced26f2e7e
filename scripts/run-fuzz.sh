#!/usr/bin/env bash
# Builds every libFuzzer target in tests/fuzz/ with clang (ASan + UBSan) and runs each for
# SECONDS (default 60). A crash fails the script and leaves the input in build-fuzz/crashes/.
# Usage: scripts/run-fuzz.sh [SECONDS] [TARGET...]
#   TARGET: sql_parser, csv_reader, parquet_reader, json_reader (default: all, one after another).
#   Long runs: `scripts/run-fuzz.sh 600 parquet_reader` fuzzes for 10 minutes on one core.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
out=build-fuzz
mkdir -p "$out/crashes" "$out/obj" "$out/corpus"
flags=(-std=c++20 -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -DSIMDJSON_THREADS_ENABLED=1 -I src)
libs=(-lz -lzstd -llz4 -lbz2 -lsnappy -lbrotlidec -lbrotlienc -lsimdjson -lpthread)

# Library sources each target needs besides its own file (only the layers it exercises).
sources_for() {
  case "$1" in
    sql_parser) ls src/ballista/common/*.cc src/ballista/sql/*.cc ;;
    csv_reader) ls src/ballista/common/*.cc src/ballista/arrow/*.cc src/ballista/formats/*.cc \
                   src/ballista/formats/object_store/*.cc src/ballista/formats/csv/*.cc ;;
    parquet_reader) ls src/ballista/common/*.cc src/ballista/arrow/*.cc src/ballista/arrow/ipc/io.cc \
                       src/ballista/formats/*.cc src/ballista/formats/object_store/*.cc \
                       src/ballista/formats/parquet/*.cc ;;
    json_reader) ls src/ballista/common/*.cc src/ballista/arrow/*.cc src/ballista/formats/*.cc \
                    src/ballista/formats/object_store/*.cc src/ballista/formats/csv/*.cc \
                    src/ballista/formats/json/*.cc ;;
    *) echo "unknown fuzz target $1" >&2; return 1 ;;
  esac
}

# Seed inputs copied into a scratch corpus (libFuzzer writes new units into its corpus folder).
seed_corpus() {
  local corpus="$out/corpus/$1"
  mkdir -p "$corpus"
  case "$1" in
    # large_string_map decodes to more than 2 GiB by design: a legitimate file, not a finding.
    parquet_reader)
      for f in ../shared/testdata/parquet/data/*.parquet; do
        case "$f" in *large_string_map*) continue ;; esac
        cp -n "$f" "$corpus"/
      done ;;
    csv_reader) cp -n ../shared/testdata/tpch/sf0.01-dbgen/nation.tbl "$corpus"/ 2>/dev/null || true ;;
    json_reader)
      # Small NDJSON seeds covering nesting, conflicts, temporal strings and bad lines.
      printf '%s\n' '{"a": 1, "b": "x", "c": [{"x": 1.5, "t": "2024-01-31 12:00:00"}], "d": "1.250"}' \
        '{"a": 2.0, "b": null, "c": [], "e": "2024-02-29", "n": {"deep": [[1], [2, null]]}}' \
        '{"a": "str", "b": 5, "c": null, "d": 7, "u": "\u00e9\n"}' > "$corpus/seed1.json"
      printf '%s\n' '{"ts": "2024-01-31T12:00:00+01:00", "big": 18446744073709551615}' '' \
        '{"ts": 12, "big": -1e308, "x": {"y": {"z": true}}}' '[1, 2]' '{"broken": }' \
        > "$corpus/seed2.json" ;;
  esac
  echo "$corpus"
}

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in tests/fuzz/*_fuzz.cc; do targets+=("$(basename "$f" _fuzz.cc)"); done
fi

# Compile every needed library source once, in parallel, with coverage instrumentation.
mapfile -t all_sources < <(for t in "${targets[@]}"; do sources_for "$t"; done | sort -u)
# An object is rebuilt when its source or any header it included (from its .d file) is newer:
# linking objects built against an older header layout gives false heap-overflow reports.
compile_one() {
  local src=$1 obj="$out/obj/${1//\//_}.o"
  local dep="$obj.d" stale=0
  if [ ! -f "$obj" ] || [ ! -f "$dep" ] || [ "$src" -nt "$obj" ]; then
    stale=1
  else
    for f in $(sed -e 's/^[^:]*://' -e 's/\\$//' "$dep"); do
      if [ "$f" -nt "$obj" ]; then stale=1; break; fi
    done
  fi
  if [ "$stale" = 1 ]; then
    clang++ "${flags[@]}" -fsanitize=fuzzer-no-link -MMD -MF "$dep" -c "$src" -o "$obj"
  fi
}
export -f compile_one
export out
flags_str="${flags[*]}"
printf '%s\n' "${all_sources[@]}" |
  xargs -P "$(nproc)" -I{} bash -c 'flags=('"$flags_str"'); compile_one "$@"' _ {}

for target in "${targets[@]}"; do
  bin="$out/${target}_fuzz"
  objs=()
  while read -r src; do objs+=("$out/obj/${src//\//_}.o"); done < <(sources_for "$target")
  clang++ "${flags[@]}" -fsanitize=fuzzer "tests/fuzz/${target}_fuzz.cc" "${objs[@]}" "${libs[@]}" -o "$bin"
  corpus=$(seed_corpus "$target")
  echo "fuzz: $target for ${seconds}s"
  "$bin" "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$out/crashes/${target}-" -print_final_stats=1 2>&1 | tail -n 8
done

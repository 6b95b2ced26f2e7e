// DuckDB (npm @duckdb/node-api) over the same TPC-H files as ballista-tpch bench: the independent
// engine the runner's answers and times are compared with.
//
//   node bench/tpch/duckdb.mjs answers DATA_DIR FORMAT [OUT_DIR]
//       writes DuckDB's answer to each query as OUT_DIR/qN.out (default DATA_DIR/answers), in the
//       format of dbgen's answer files: a header line, then rows of cells joined by '|'.
//   node bench/tpch/duckdb.mjs bench DATA_DIR FORMAT THREADS ITERATIONS [QUERIES]
//       times each query ITERATIONS times with THREADS threads and prints JSON:
//       {"threads": .., "queries": [{"query": N, "min_ms": .., "median_ms": .., "rows": ..}]}
//
// FORMAT is parquet (T.parquet or T/*.parquet), tbl or csv; the tables are views over the files,
// as the runner's are external tables, so both engines read the files on every query.
// QUERIES: comma-separated numbers, default all 22 (bench/tpch/queries/qN.sql).
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsvColumns, tpchColumns } from './tables.mjs';

const here = dirname(fileURLToPath(import.meta.url));

function quote(s) {
  return `'${s.replaceAll("'", "''")}'`;
}

function source(dir, table, format) {
  if (format === 'parquet') {
    const single = join(dir, `${table}.parquet`);
    return `read_parquet(${quote(existsSync(single) ? single : join(dir, table, '*.parquet'))})`;
  }
  const path = join(dir, `${table}.${format}`);
  const options = format === 'tbl' ? "delim='|', header=false" : 'header=true';
  return `read_csv(${quote(path)}, ${options}, columns=${readCsvColumns(table)})`;
}

function query(n) {
  return readFileSync(join(here, 'queries', `q${n}.sql`), 'utf8');
}

function cell(value) {
  if (value === null || value === undefined) return 'NULL';
  return String(value);
}

const [command, dir, format, ...rest] = process.argv.slice(2);
if (!['answers', 'bench'].includes(command) || !dir || !['parquet', 'tbl', 'csv'].includes(format)) {
  console.error('usage: duckdb.mjs answers DATA_DIR FORMAT [OUT_DIR] | bench DATA_DIR FORMAT THREADS ITERATIONS [QUERIES]');
  process.exit(2);
}
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
for (const table of Object.keys(tpchColumns)) {
  await conn.run(`CREATE VIEW ${table} AS SELECT * FROM ${source(dir, table, format)}`);
}

if (command === 'answers') {
  const out = rest[0] ?? join(dir, 'answers');
  mkdirSync(out, { recursive: true });
  for (let n = 1; n <= 22; n++) {
    const reader = await conn.runAndReadAll(query(n));
    const lines = [reader.columnNames().join('|')];
    for (const row of reader.getRows()) lines.push(row.map(cell).join('|'));
    writeFileSync(join(out, `q${n}.out`), lines.join('\n') + '\n');
  }
  console.error(`wrote DuckDB's answers to ${out}`);
} else {
  const threads = Number(rest[0] ?? 1);
  const iterations = Number(rest[1] ?? 3);
  const numbers = rest[2] ? rest[2].split(',').map(Number) : [...Array(22).keys()].map((i) => i + 1);
  await conn.run(`SET threads = ${threads}`);
  const results = [];
  for (const n of numbers) {
    const sql = query(n);
    const times = [];
    let rows = 0;
    for (let i = 0; i < iterations; i++) {
      const start = process.hrtime.bigint();
      const reader = await conn.runAndReadAll(sql);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      rows = reader.currentRowCount;
    }
    times.sort((a, b) => a - b);
    const mid = times.length >> 1;
    const median = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
    results.push({ query: n, min_ms: times[0], median_ms: median, rows });
    console.error(`Q${String(n).padStart(2, '0')}  min ${times[0].toFixed(1).padStart(10)} ms  median ${median.toFixed(1).padStart(10)} ms  rows ${rows}`);
  }
  console.log(JSON.stringify({ engine: 'duckdb', threads, format, queries: results }, null, 1));
}

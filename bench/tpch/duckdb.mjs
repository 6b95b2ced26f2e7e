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

const here = dirname(fileURLToPath(import.meta.url));
const columns = {
  nation: 'n_nationkey INTEGER, n_name VARCHAR, n_regionkey INTEGER, n_comment VARCHAR',
  region: 'r_regionkey INTEGER, r_name VARCHAR, r_comment VARCHAR',
  part: 'p_partkey BIGINT, p_name VARCHAR, p_mfgr VARCHAR, p_brand VARCHAR, p_type VARCHAR, p_size INTEGER, p_container VARCHAR, p_retailprice DECIMAL(15,2), p_comment VARCHAR',
  supplier: 's_suppkey BIGINT, s_name VARCHAR, s_address VARCHAR, s_nationkey INTEGER, s_phone VARCHAR, s_acctbal DECIMAL(15,2), s_comment VARCHAR',
  partsupp: 'ps_partkey BIGINT, ps_suppkey BIGINT, ps_availqty INTEGER, ps_supplycost DECIMAL(15,2), ps_comment VARCHAR',
  customer: 'c_custkey BIGINT, c_name VARCHAR, c_address VARCHAR, c_nationkey INTEGER, c_phone VARCHAR, c_acctbal DECIMAL(15,2), c_mktsegment VARCHAR, c_comment VARCHAR',
  orders: 'o_orderkey BIGINT, o_custkey BIGINT, o_orderstatus VARCHAR, o_totalprice DECIMAL(15,2), o_orderdate DATE, o_orderpriority VARCHAR, o_clerk VARCHAR, o_shippriority INTEGER, o_comment VARCHAR',
  lineitem: 'l_orderkey BIGINT, l_partkey BIGINT, l_suppkey BIGINT, l_linenumber INTEGER, l_quantity DECIMAL(15,2), l_extendedprice DECIMAL(15,2), l_discount DECIMAL(15,2), l_tax DECIMAL(15,2), l_returnflag VARCHAR, l_linestatus VARCHAR, l_shipdate DATE, l_commitdate DATE, l_receiptdate DATE, l_shipinstruct VARCHAR, l_shipmode VARCHAR, l_comment VARCHAR',
};

function quote(s) {
  return `'${s.replaceAll("'", "''")}'`;
}

function source(dir, table, format) {
  if (format === 'parquet') {
    const single = join(dir, `${table}.parquet`);
    return `read_parquet(${quote(existsSync(single) ? single : join(dir, table, '*.parquet'))})`;
  }
  const cols = columns[table].split(', ').map((c) => {
    const i = c.indexOf(' ');
    return `'${c.slice(0, i)}': '${c.slice(i + 1)}'`;
  });
  const path = join(dir, `${table}.${format}`);
  const options = format === 'tbl' ? "delim='|', header=false" : 'header=true';
  return `read_csv(${quote(path)}, ${options}, columns={${cols.join(', ')}})`;
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
for (const table of Object.keys(columns)) {
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

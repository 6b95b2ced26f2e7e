// Prints DuckDB's answers to the TPC-H queries over the dbgen .tbl files of a folder, one JSON
// array of rendered rows per query (the rendering of duckdb_complete.mjs). The C++ TPC-H test
// compares the engine's results against these. Usage:
//   node tpch_duckdb.mjs DATA_DIR QUERIES.json      (QUERIES.json: an array of SQL strings)
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { render } from './slt_render.mjs';

const tables = {
  nation: 'n_nationkey INTEGER, n_name VARCHAR, n_regionkey INTEGER, n_comment VARCHAR',
  region: 'r_regionkey INTEGER, r_name VARCHAR, r_comment VARCHAR',
  part: 'p_partkey BIGINT, p_name VARCHAR, p_mfgr VARCHAR, p_brand VARCHAR, p_type VARCHAR, p_size INTEGER, p_container VARCHAR, p_retailprice DECIMAL(15,2), p_comment VARCHAR',
  supplier: 's_suppkey BIGINT, s_name VARCHAR, s_address VARCHAR, s_nationkey INTEGER, s_phone VARCHAR, s_acctbal DECIMAL(15,2), s_comment VARCHAR',
  partsupp: 'ps_partkey BIGINT, ps_suppkey BIGINT, ps_availqty INTEGER, ps_supplycost DECIMAL(15,2), ps_comment VARCHAR',
  customer: 'c_custkey BIGINT, c_name VARCHAR, c_address VARCHAR, c_nationkey INTEGER, c_phone VARCHAR, c_acctbal DECIMAL(15,2), c_mktsegment VARCHAR, c_comment VARCHAR',
  orders: 'o_orderkey BIGINT, o_custkey BIGINT, o_orderstatus VARCHAR, o_totalprice DECIMAL(15,2), o_orderdate DATE, o_orderpriority VARCHAR, o_clerk VARCHAR, o_shippriority INTEGER, o_comment VARCHAR',
  lineitem: 'l_orderkey BIGINT, l_partkey BIGINT, l_suppkey BIGINT, l_linenumber INTEGER, l_quantity DECIMAL(15,2), l_extendedprice DECIMAL(15,2), l_discount DECIMAL(15,2), l_tax DECIMAL(15,2), l_returnflag VARCHAR, l_linestatus VARCHAR, l_shipdate DATE, l_commitdate DATE, l_receiptdate DATE, l_shipinstruct VARCHAR, l_shipmode VARCHAR, l_comment VARCHAR',
};

const [dir, queriesFile] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
await conn.run("SET threads = 1");
for (const [name, columns] of Object.entries(tables)) {
  const cols = columns.split(', ').map((c) => {
    const i = c.indexOf(' ');
    return `'${c.slice(0, i)}': '${c.slice(i + 1)}'`;
  });
  await conn.run(`CREATE TABLE ${name} AS SELECT * FROM read_csv('${dir}/${name}.tbl', delim='|', header=false, columns={${cols.join(', ')}})`);
}
const out = [];
for (const sql of JSON.parse(readFileSync(queriesFile, 'utf8'))) {
  const reader = await conn.runAndReadAll(sql);
  const types = reader.columnTypes().map((t) => t.toString());
  out.push(reader.getRows().map((row) => row.map((v, i) => render(v, types[i])).join(' ')));
}
console.log(JSON.stringify(out));
